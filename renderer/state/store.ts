// One zustand store: the host's SessionView plus what only the screen knows (selection, drafts).
import { create } from 'zustand';
import type { Api, MatrixReport, ProbePlan, ProbeReport, SandboxProfileInfo, SessionView } from '../../shared/contract.js';
import type { ErrorCode } from '../../shared/errors/index.js';
import type { ClientRecord, EvidenceLocation, HttpRequest, StepName } from '../../shared/model.js';
import { draftFromHash, type Draft } from './draft.js';
import { defaultLayout, loadLayout, saveLayout, type Layout } from './layout.js';

export type DetailTab = 'headers' | 'payload' | 'response' | 'timing';
export type CenterTab = 'network' | 'sequence';
export type BottomTab = 'diagnostics' | 'clients' | 'sessions' | 'compatibility' | 'probe';

export interface UiError {
  message: string;
  hint?: string;
  /** The host's error code (shared/errors), when the error came from the host. */
  code?: ErrorCode;
}

export interface Highlight {
  exchangeId: string;
  location: EvidenceLocation;
  /** Bumped on every click so the same evidence scrolls into view again. */
  nonce: number;
}

export interface UiState {
  api: Api | null;
  mode: 'desktop' | 'browser';
  connectionLost: boolean;
  view: SessionView | null;
  draft: Draft;
  profiles: SandboxProfileInfo[];
  clients: ClientRecord[];
  /** What the host is doing right now, in words ("Sending token request…"). */
  busy: string | null;
  /** How many host calls have finished: a tool driving the screen waits for it to move past a click. */
  finished: number;
  error: UiError | null;
  selectedStep: StepName | null;
  selectedExchangeId: string | null;
  /** Follow the flow: select whatever Next step just did. Off once the user picks something else. */
  follow: boolean;
  highlight: Highlight | null;
  selectedDiagnostic: number | null;
  detailTab: DetailTab;
  centerTab: CenterTab;
  bottomTab: BottomTab;
  reveal: boolean;
  /** Edited prepared requests, per step, until sent. */
  edits: Partial<Record<StepName, HttpRequest>>;
  /** The last compatibility matrix run in this window. */
  matrix: MatrixReport | null;
  /** Pane sizes and folds, as the user left them. */
  layout: Layout;
  /** The probe: its plan, waiting for the user's go-ahead, then its report. */
  probe: { plan: ProbePlan; report?: never } | { plan?: never; report: ProbeReport } | null;
}

export const initialState: UiState = {
  api: null,
  mode: 'browser',
  connectionLost: false,
  view: null,
  draft: draftFromHash(typeof location === 'undefined' ? '' : location.hash),
  profiles: [],
  clients: [],
  busy: null,
  finished: 0,
  error: null,
  selectedStep: null,
  selectedExchangeId: null,
  follow: true,
  highlight: null,
  selectedDiagnostic: null,
  detailTab: 'headers',
  centerTab: 'network',
  bottomTab: 'diagnostics',
  reveal: false,
  edits: {},
  matrix: null,
  probe: null,
  layout: typeof window === 'undefined' || typeof localStorage === 'undefined' ? defaultLayout({ width: 1440, height: 900 }) : loadLayout(),
};

export const useStore = create<UiState>(() => initialState);

export const getState = useStore.getState;
export const setState = useStore.setState;

/** Changes the layout and keeps it for the next visit. */
export function updateLayout(patch: Partial<Layout>): void {
  const layout = { ...getState().layout, ...patch };
  setState({ layout });
  saveLayout(layout);
}
