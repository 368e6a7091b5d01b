// What the screen can do. Each action talks to the Api and folds the answer into the store.
import type { SavedSessionInfo, SessionView } from '../../shared/contract.js';
import type { Diagnostic, HttpRequest, RegisteredMethod, StepName } from '../../shared/model.js';
import { ApiError } from '../api/api-error.js';
import type { Connection } from '../api/connect.js';
import type { PreflightFix } from '../lib/token-preflight.js';
import { draftFromSession, draftProblem, optionsOf, targetOf, type Draft } from './draft.js';
import { getState, setState, type DetailTab, type UiError, type UiState } from './store.js';


function toUiError(error: unknown): UiError {
  if (error instanceof ApiError) {
    return { message: error.message, ...(error.hint !== undefined && { hint: error.hint }), ...(error.code !== undefined && { code: error.code }) };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

function api() {
  const { api } = getState();
  if (!api) throw new Error('Not connected to the Authtrace host.');
  return api;
}

/** Bumped by every busy call: a call that an interrupting one (Reset) superseded no longer owns `busy`. */
let busyGeneration = 0;

/** Sets the progress label, if the calling work still owns it. */
type SetBusy = (label: string) => void;

/**
 * Runs one host call with a progress label; errors land in the error banner instead of throwing.
 * With `interrupt` it runs even while another call is busy (Reset during a browser login); the
 * interrupted call then ends quietly: it neither clears `busy` nor reports an error.
 */
async function withBusy<T>(label: string, work: (setBusy: SetBusy) => Promise<T>, opts: { interrupt?: boolean } = {}): Promise<T | undefined> {
  if (getState().busy && !opts.interrupt) return undefined;
  const generation = ++busyGeneration;
  const mine = () => generation === busyGeneration;
  setState({ busy: label, error: null });
  try {
    return await work((next) => {
      if (mine()) setState({ busy: next });
    });
  } catch (error) {
    if (mine()) setState({ error: toUiError(error) });
    return undefined;
  } finally {
    if (mine()) setState({ busy: null, finished: getState().finished + 1 });
  }
}

export function applyView(view: SessionView | null): void {
  const state = getState();
  const edits = { ...state.edits };
  for (const name of Object.keys(edits) as StepName[]) {
    if (view?.session.steps.find((s) => s.name === name)?.status !== 'ready') delete edits[name];
  }
  const patch: Partial<typeof state> = { view, edits };
  if (!view) {
    Object.assign(patch, { selectedStep: null, selectedExchangeId: null, highlight: null, selectedDiagnostic: null });
  } else if (state.follow) {
    Object.assign(patch, followSelection(view));
  } else if (state.selectedExchangeId && !view.session.exchanges.some((e) => e.id === state.selectedExchangeId)) {
    patch.selectedExchangeId = null;
  }
  setState(patch);
}

/** The step the flow is at: the one waiting to be sent, else the last that did something. */
function followSelection(view: SessionView): { selectedStep: StepName | null; selectedExchangeId: string | null } {
  const steps = view.session.steps;
  const ready = steps.find((s) => s.status === 'ready' || s.status === 'running');
  const active = ready ?? [...steps].reverse().find((s) => s.status === 'done' || s.status === 'failed');
  if (!active) return { selectedStep: null, selectedExchangeId: null };
  if (active.status === 'ready') return { selectedStep: active.name, selectedExchangeId: null };
  return { selectedStep: active.name, selectedExchangeId: active.exchangeIds.at(-1) ?? null };
}

export async function initialize(connection: Connection): Promise<void> {
  setState({ api: connection.api, mode: connection.mode });
  connection.api.onSession((view) => applyView(view));
  connection.onConnectionLost(() => setState({ connectionLost: true }));
  try {
    const [view, profiles, clients] = await Promise.all([
      connection.api.invoke('session:get', undefined),
      connection.api.invoke('sandbox:profiles', undefined),
      connection.api.invoke('clients:list', undefined),
    ]);
    setState({ profiles, clients });
    if (view) setState({ draft: draftFromSession(view.session.config, view.sandbox) });
    applyView(view);
  } catch (error) {
    setState({ error: toUiError(error) });
  }
}

export function updateDraft(patch: Partial<Draft>): void {
  setState({ draft: { ...getState().draft, ...patch } });
}

function isPristine(view: SessionView | null): boolean {
  return !view || view.session.exchanges.length === 0;
}

async function startFromDraft(setBusy: SetBusy): Promise<SessionView | undefined> {
  const { draft } = getState();
  const problem = draftProblem(draft);
  if (problem) {
    setState({ error: { message: problem } });
    return undefined;
  }
  const label = draft.targetKind === 'sandbox' ? `Starting the sandbox (${draft.profile})…` : 'Starting a session…';
  setBusy(label);
  const view = await api().invoke('session:start', { target: targetOf(draft), options: optionsOf(draft) });
  applyView(view);
  return view;
}

function draftDiffers(view: SessionView): boolean {
  const { draft } = getState();
  const current = draftFromSession(view.session.config, view.sandbox);
  return JSON.stringify({ t: targetOf(draft), o: optionsOf(draft) }) !== JSON.stringify({ t: targetOf(current), o: optionsOf(current) });
}

function stepLabel(view: SessionView | null): string {
  const next = view?.next;
  if (!next) return 'Working…';
  return next.action === 'prepare' ? `Preparing ${next.step}…` : `Sending ${next.step}…`;
}

/** "Next step": start a session if there is none (or the settings changed before anything ran), else advance it. */
export async function nextStep(): Promise<void> {
  setState({ follow: true });
  await withBusy(stepLabel(getState().view), async (setBusy) => {
    let view = getState().view;
    if (!view || (isPristine(view) && draftDiffers(view))) {
      view = (await startFromDraft(setBusy)) ?? null;
      if (!view) return;
      if (view.session.steps.some((s) => s.status === 'ready')) return;
    }
    const next = view.next;
    if (!next) return;
    setBusy(stepLabel(view));
    const edited = next.action === 'send' ? getState().edits[next.step] : undefined;
    const result = edited
      ? await api().invoke('session:send', { edited })
      : await api().invoke('session:next', undefined);
    applyView(result);
  });
  await refreshClients();
}

export async function sendPrepared(step: StepName): Promise<void> {
  setState({ follow: true });
  await withBusy(`Sending ${step}…`, async () => {
    const edited = getState().edits[step];
    applyView(await api().invoke('session:send', edited ? { edited } : {}));
  });
  await refreshClients();
}

export async function runToEnd(): Promise<void> {
  setState({ follow: true });
  await withBusy('Running to the end…', async (setBusy) => {
    let view = getState().view;
    if (!view || (isPristine(view) && draftDiffers(view))) view = (await startFromDraft(setBusy)) ?? null;
    if (!view) return;
    setBusy('Running to the end…');
    applyView(await api().invoke('session:run-to-end', undefined));
  });
  await refreshClients();
}

/** A fresh session with the toolbar's settings; also the way out of a login that never comes back. */
export async function reset(): Promise<void> {
  setState({ follow: true, edits: {}, highlight: null, selectedDiagnostic: null });
  const interrupt = getState().view?.waitingForBrowser !== undefined;
  await withBusy(
    'Starting a new session…',
    async (setBusy) => {
      await startFromDraft(setBusy);
    },
    { interrupt },
  );
  await refreshClients();
}

/** The consent the network policy asks for, given for this session, then the refused step again. */
export async function allowPrivateTargetsAndRerun(step: StepName): Promise<void> {
  updateDraft({ allowPrivateTargets: true });
  await rerun(step);
}

/** Goes past a stop a compliant client must make, for this session, recorded in it; then the step again. */
export async function continueAnyway(step: StepName, rule: string): Promise<void> {
  const { continueOn } = getState().draft;
  if (!continueOn.includes(rule)) updateDraft({ continueOn: [...continueOn, rule] });
  await rerun(step);
}

export async function rerun(step: StepName): Promise<void> {
  setState({ follow: true });
  await withBusy(`Re-running ${step}…`, async () => {
    const { draft } = getState();
    const { timeoutMs: _timeout, ...options } = optionsOf(draft);
    applyView(await api().invoke('session:rerun', { step, options }));
  });
}

/** Applies a fix the auth method card offers, then runs again from the first step it changes. */
export async function applyPreflightFix(fix: PreflightFix, secret?: string): Promise<void> {
  const view = getState().view;
  if (!view || view.opened) return;
  const client = view.session.client;
  switch (fix.kind) {
    case 'send-registered':
      updateDraft({ authMethod: '' });
      break;
    case 'register-as':
      updateDraft({ registration: 'dcr', registerMethod: fix.method, newClient: true });
      await rerun('registration');
      return;
    case 'enter-secret':
      if (!secret) return;
      updateDraft({ registration: 'pre-registered', clientId: fix.clientId, clientSecret: secret, registerMethod: fix.registered === 'unknown' ? '' : fix.registered, newClient: false });
      await rerun('registration');
      return;
  }
  // The override only matters from the token step on; an earlier step not yet run picks it up when it runs.
  const from = client ? 'token' : view.session.steps.find((s) => s.status !== 'done' && s.status !== 'skipped')?.name;
  if (from) await rerun(from);
}

export function editPrepared(step: StepName, request: HttpRequest | null): void {
  const edits = { ...getState().edits };
  if (request) edits[step] = request;
  else delete edits[step];
  setState({ edits });
}

/** Asked before a HAR with secrets is written, as the desktop menu does. */
export const EXPORT_SECRETS_QUESTION =
  'Export with secrets?\n\nClient secrets, tokens and codes will be readable in the file. Share it only with people who may use them.';

export async function exportHar(includeSecrets: boolean, confirm: (question: string) => boolean = (q) => window.confirm(q)): Promise<void> {
  if (includeSecrets && !confirm(EXPORT_SECRETS_QUESTION)) return;
  await withBusy('Exporting HAR…', async () => {
    const har = await api().invoke('session:export-har', { includeSecrets });
    download(har.fileName, har.content, 'application/json');
  });
}

export async function importHar(file: File): Promise<void> {
  await withBusy(`Importing ${file.name}…`, async () => {
    const content = await file.text();
    const view = await api().invoke('session:import-har', { fileName: file.name, content });
    setState({ follow: true, draft: draftFromSession(view.session.config, view.sandbox) });
    applyView(view);
  });
}

function download(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function listSessions(): Promise<SavedSessionInfo[]> {
  try {
    return await api().invoke('sessions:list', undefined);
  } catch (error) {
    setState({ error: toUiError(error) });
    return [];
  }
}

/** Opens a saved session to read (its steps cannot be sent again; Reset runs it anew). */
export async function openSession(id: string): Promise<void> {
  await withBusy('Opening the saved session…', async () => {
    const view = await api().invoke('sessions:open', { id });
    setState({ follow: true, edits: {}, highlight: null, selectedDiagnostic: null, draft: draftFromSession(view.session.config, view.sandbox) });
    applyView(view);
  });
}

/** Every client profile against the toolbar's target; the grid stays until the next run. */
export async function runMatrix(): Promise<void> {
  const draft = getState().draft;
  const problem = draftProblem(draft);
  if (problem) {
    setState({ error: { message: problem } });
    return;
  }
  await withBusy('Running every client profile against the server…', async () => {
    setState({ matrix: await api().invoke('matrix:run', { target: targetOf(draft) }) });
  });
}

/** Discovery only, to say what the probe will do at the toolbar's target; nothing is registered yet. */
export async function planProbe(): Promise<void> {
  const draft = getState().draft;
  const problem = draftProblem(draft);
  if (problem) {
    setState({ error: { message: problem } });
    return;
  }
  await withBusy('Finding the server’s endpoints for the probe…', async () => {
    setState({ probe: { plan: await api().invoke('probe:plan', { target: targetOf(draft) }) } });
  });
}

/** The probe itself, after the user agreed to its plan. */
export async function runProbe(): Promise<void> {
  const draft = getState().draft;
  await withBusy('Probing the server (registrations, token requests, authorizations)…', async () => {
    setState({ probe: { report: await api().invoke('probe:run', { target: targetOf(draft) }) } });
  });
}

export function cancelProbe(): void {
  setState({ probe: null });
}

export async function refreshClients(): Promise<void> {
  try {
    setState({ clients: await api().invoke('clients:list', undefined) });
  } catch (error) {
    setState({ error: toUiError(error) });
  }
}

export async function setClientMethod(issuer: string, clientId: string, method: RegisteredMethod): Promise<void> {
  await withBusy('Updating the stored client…', async () => {
    setState({ clients: await api().invoke('clients:set-method', { issuer, clientId, method }) });
  });
}

export async function forgetClient(issuer: string, clientId: string): Promise<void> {
  await withBusy('Forgetting the client…', async () => {
    setState({ clients: await api().invoke('clients:forget', { issuer, clientId }) });
  });
}

export async function openExternal(url: string): Promise<void> {
  try {
    await api().invoke('shell:open-external', { url });
  } catch (error) {
    setState({ error: toUiError(error) });
  }
}

export function selectStep(step: StepName): void {
  const view = getState().view;
  const found = view?.session.steps.find((s) => s.name === step);
  setState({
    follow: false,
    selectedStep: step,
    selectedExchangeId: found && found.status !== 'ready' ? (found.exchangeIds.at(-1) ?? null) : null,
    highlight: null,
  });
}

export function selectExchange(exchangeId: string): void {
  const exchange = getState().view?.session.exchanges.find((e) => e.id === exchangeId);
  setState({
    follow: false,
    selectedExchangeId: exchangeId,
    selectedStep: exchange && exchange.step !== 'unrelated' ? exchange.step : getState().selectedStep,
    highlight: null,
  });
}

function tabFor(kind: string): DetailTab {
  switch (kind) {
    case 'request-json':
    case 'request-form':
    case 'request-query':
      return 'payload';
    case 'response-json':
      return 'response';
    default:
      return 'headers';
  }
}

let highlightNonce = 0;

export function selectDiagnostic(index: number, diagnostic: Diagnostic, evidenceIndex?: number): void {
  const withExchange = diagnostic.evidence.filter((e) => e.exchangeId);
  const evidence = evidenceIndex !== undefined ? diagnostic.evidence[evidenceIndex] : withExchange[0];
  const patch: Partial<UiState> = { selectedDiagnostic: index, follow: false };
  if (evidence?.exchangeId) {
    const exchange = getState().view?.session.exchanges.find((e) => e.id === evidence.exchangeId);
    Object.assign(patch, {
      selectedExchangeId: evidence.exchangeId,
      selectedStep: exchange && exchange.step !== 'unrelated' ? exchange.step : getState().selectedStep,
      highlight: { exchangeId: evidence.exchangeId, location: evidence.location, nonce: ++highlightNonce },
      detailTab: tabFor(evidence.location.kind),
      centerTab: 'network',
    });
  } else if (evidence?.location.kind === 'client') {
    patch.bottomTab = 'clients';
  }
  setState(patch);
}

export function dismissError(): void {
  setState({ error: null });
}
