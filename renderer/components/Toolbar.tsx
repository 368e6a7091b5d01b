import { useMemo, useRef, useState } from 'react';
import { AUTH_METHODS, REGISTRATION_MODES, REVISIONS, STRATEGIES, type AuthMethod, type RegistrationMode, type Revision, type StepName, type Strategy } from '../../shared/model.js';
import { CLIENT_PROFILES } from '../../shared/clients/index.js';
import { exportHar, importHar, nextStep, reset, runToEnd, updateDraft } from '../state/actions.js';
import { pendingChanges, withClient } from '../state/draft.js';
import { updateLayout, useStore } from '../state/store.js';
import { keepFocus } from '../lib/focus.js';
import { flowOver } from '../lib/steps.js';
import type { TargetKind } from '../state/draft.js';

const REGISTRATION_LABELS: Record<RegistrationMode, string> = {
  auto: 'Auto',
  dcr: 'DCR',
  cimd: 'CIMD URL',
  'pre-registered': 'Pre-registered',
};

const STRATEGY_LABELS: Record<Strategy, string> = {
  registered: 'registered',
  'first-advertised': 'first-advertised',
  'mcp-sdk': 'mcp-sdk',
  'prefer-none': 'prefer-none',
};

const SHORT_STEP: Record<StepName, string> = {
  probe: 'probe',
  'resource-metadata': 'resource metadata',
  'authorization-server-metadata': 'AS metadata',
  registration: 'registration',
  authorize: 'authorize',
  token: 'token',
  mcp: 'MCP call',
  refresh: 'refresh',
};

function Field({ label, children, grow }: { label: string; children: React.ReactNode; grow?: boolean }) {
  return (
    <label className={`field ${grow ? 'grow' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

function MethodSelect({ value, onChange, empty, label }: { value: AuthMethod | ''; onChange: (v: AuthMethod | '') => void; empty: string; label: string }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as AuthMethod | '')}>
      <option value="">{empty}</option>
      {AUTH_METHODS.map((m) => (
        <option key={m} value={m}>
          {m}
        </option>
      ))}
    </select>
  );
}

export function Toolbar() {
  const draft = useStore((s) => s.draft);
  const profiles = useStore((s) => s.profiles);
  const busy = useStore((s) => s.busy);
  const view = useStore((s) => s.view);
  const reveal = useStore((s) => s.reveal);
  const optionsFolded = useStore((s) => s.layout.optionsCollapsed);
  const pending = useMemo(() => (view && !view.opened ? pendingChanges(draft, view.session.config, view.sandbox) : []), [draft, view]);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const runRef = useRef<HTMLButtonElement>(null);
  const resetRef = useRef<HTMLButtonElement>(null);
  // Focus stays on the button that was pressed, or moves to Reset once the flow is over.
  const pressed = (ref: React.RefObject<HTMLButtonElement | null>, work: () => Promise<void>) => () => void work().then(() => keepFocus(ref.current, () => resetRef.current));

  const profileDescription = profiles.find((p) => p.name === draft.profile)?.description;
  const next = view?.next;
  const running = view?.session.steps.some((s) => s.status === 'running') ?? false;
  const finished = flowOver(view);
  const failed = view?.session.steps.find((s) => s.status === 'failed');
  const nextHint = !view ? 'start' : next ? `${next.action} · ${SHORT_STEP[next.step]}` : running ? 'running…' : '';
  const mac = navigator.platform.toLowerCase().includes('mac');

  return (
    <header className="toolbar" role="toolbar" aria-label="Session">
      <div className="toolbar-row">
        <span className="brand" aria-hidden="true">
          Authtrace
        </span>
        <Field label="Target">
          <select aria-label="Target kind" value={draft.targetKind} onChange={(e) => updateDraft({ targetKind: e.target.value as TargetKind })}>
            <option value="sandbox">Sandbox</option>
            <option value="mcp">MCP server</option>
            <option value="issuer">Authorization server</option>
          </select>
        </Field>
        {draft.targetKind === 'sandbox' ? (
          <>
          <Field label="Profile">
            <select className="profile-select" aria-label="Sandbox profile" value={draft.profile} onChange={(e) => updateDraft({ profile: e.target.value })}>
              {(profiles.length ? profiles : [{ name: draft.profile, description: '' }]).map((p) => (
                <option key={p.name} value={p.name} title={p.description}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          {profileDescription && (
            <span className="profile-description" data-testid="profile-description" title={profileDescription}>
              {profileDescription}
            </span>
          )}
          </>
        ) : (
          <Field label={draft.targetKind === 'mcp' ? 'MCP server URL' : 'Issuer'} grow>
            <input
              aria-label="Target URL"
              type="url"
              spellCheck={false}
              placeholder={draft.targetKind === 'mcp' ? 'https://mcp.example.com/mcp' : 'https://auth.example.com'}
              value={draft.url}
              onChange={(e) => updateDraft({ url: e.target.value })}
            />
          </Field>
        )}
        <button type="button" className="fold options-toggle" aria-expanded={!optionsFolded} aria-controls="toolbar-options" onClick={() => updateLayout({ optionsCollapsed: !optionsFolded })} title={optionsFolded ? 'Show the client options' : 'Fold the client options away'}>
          Options {optionsFolded ? '▸' : '▾'}
        </button>
        {optionsFolded && (
          <span className="options-summary muted" data-testid="options-summary">
            {CLIENT_PROFILES.find((p) => p.id === draft.client)?.name ?? 'spec-strict'} · {REGISTRATION_LABELS[draft.registration]} · {STRATEGY_LABELS[draft.strategy]}
            {draft.authMethod ? ` · ${draft.authMethod}` : ''}
          </span>
        )}
        <div className="toolbar-actions secondary-actions">
          <span className="split">
            <button type="button" disabled={!!busy || !view?.session.exchanges.length} onClick={() => void exportHar(includeSecrets)}>
              Export HAR
            </button>
            <label className="inline-check" title="Secrets are redacted in the HAR unless this is checked">
              <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} />
              with secrets
            </label>
          </span>
          <button type="button" disabled={!!busy} onClick={() => fileInput.current?.click()} title="Open a HAR file">
            Import HAR
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".har,application/json"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importHar(file);
              e.target.value = '';
            }}
          />
          <button
            type="button"
            className={`toggle ${reveal ? 'on' : ''}`}
            aria-pressed={reveal}
            onClick={() => useStore.setState({ reveal: !reveal })}
            title="Show or mask tokens and secrets"
          >
            {reveal ? 'Hide secrets' : 'Reveal secrets'}
          </button>
        </div>
        <div className="toolbar-actions primary-actions">
          <button
            ref={nextRef}
            type="button"
            className="primary"
            disabled={!!busy || finished}
            onClick={pressed(nextRef, nextStep)}
            title={`Next step: ${nextHint} (${mac ? '⌘' : 'Ctrl'}+Enter)`}
          >
            {view?.opened ? 'Read-only session' : !finished ? 'Next step' : failed ? `Stopped: ${SHORT_STEP[failed.name]} failed` : 'Flow complete'}
            {!finished && <span className="next-hint">{nextHint}</span>}
            <kbd>{mac ? '⌘↵' : 'Ctrl+↵'}</kbd>
          </button>
          <button ref={runRef} type="button" disabled={!!busy || finished} onClick={pressed(runRef, runToEnd)}>
            Run to end
          </button>
          <button ref={resetRef} type="button" className={pending.length > 0 ? 'pending' : ''} disabled={!!busy && !view?.waitingForBrowser} onClick={pressed(resetRef, reset)} title="Start a new session with these settings">
            Reset
          </button>
          {pending.length > 0 && (
            <span className="pending-note" role="status" data-testid="pending-changes" title="The open session still runs with its own settings; Reset starts a new one with the toolbar's (a step's Re-run already uses its strategy, method and scope).">
              Reset applies: {pending.join(', ')}
            </span>
          )}
        </div>
      </div>
      {!optionsFolded && (
      <div className="toolbar-row secondary" id="toolbar-options">
        <Field label="Client">
          <select
            aria-label="Client profile"
            value={draft.client}
            title={CLIENT_PROFILES.find((p) => p.id === draft.client)?.summary ?? 'Authtrace’s own spec-strict client'}
            onChange={(e) => updateDraft(withClient(draft, e.target.value))}
          >
            <option value="">Authtrace (spec-strict)</option>
            {CLIENT_PROFILES.filter((p) => p.id !== 'reference' && !p.notRunnable).map((p) => (
              <option key={p.id} value={p.id} title={p.summary}>
                {p.name} {p.version}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Registration">
          <select aria-label="Registration mode" value={draft.registration} onChange={(e) => updateDraft({ registration: e.target.value as RegistrationMode })}>
            {REGISTRATION_MODES.map((m) => (
              <option key={m} value={m}>
                {REGISTRATION_LABELS[m]}
              </option>
            ))}
          </select>
        </Field>
        {draft.registration === 'dcr' && (
          <Field label="Register as">
            <MethodSelect label="Register as" value={draft.registerMethod} empty="none (default)" onChange={(v) => updateDraft({ registerMethod: v })} />
          </Field>
        )}
        {draft.registration === 'cimd' && (
          <Field label="Client metadata URL" grow>
            <input aria-label="Client metadata URL" type="url" spellCheck={false} value={draft.clientMetadataUrl} onChange={(e) => updateDraft({ clientMetadataUrl: e.target.value })} placeholder="https://client.example.com/client.json" />
          </Field>
        )}
        {draft.registration === 'pre-registered' && (
          <>
            <Field label="Client ID">
              <input aria-label="Client ID" spellCheck={false} value={draft.clientId} onChange={(e) => updateDraft({ clientId: e.target.value })} />
            </Field>
            <Field label="Client secret">
              <input aria-label="Client secret" type={reveal ? 'text' : 'password'} autoComplete="off" value={draft.clientSecret} onChange={(e) => updateDraft({ clientSecret: e.target.value })} />
            </Field>
            <Field label="Registered method">
              <MethodSelect label="Registered method" value={draft.registerMethod} empty="unknown" onChange={(v) => updateDraft({ registerMethod: v })} />
            </Field>
          </>
        )}
        <Field label="Client strategy">
          <select aria-label="Client strategy" value={draft.strategy} onChange={(e) => updateDraft({ strategy: e.target.value as Strategy })}>
            {STRATEGIES.map((s) => (
              <option key={s} value={s}>
                {STRATEGY_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Auth method">
          <MethodSelect label="Auth method override" value={draft.authMethod} empty="by strategy" onChange={(v) => updateDraft({ authMethod: v })} />
        </Field>
        <Field label="Scope">
          <input className="scope-input" aria-label="Scope" spellCheck={false} value={draft.scope} placeholder="as challenged" onChange={(e) => updateDraft({ scope: e.target.value })} />
        </Field>
        <Field label="Revision">
          <select aria-label="Revision" value={draft.revision} onChange={(e) => updateDraft({ revision: e.target.value as Revision | '' })}>
            <option value="">negotiate</option>
            {REVISIONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <label className="inline-check" title="Register a new client instead of reusing the stored one">
          <input type="checkbox" checked={draft.newClient} onChange={(e) => updateDraft({ newClient: e.target.checked })} />
          New client
        </label>
        <label className="inline-check" title="Also run the refresh token grant after the MCP call">
          <input type="checkbox" checked={draft.refresh} onChange={(e) => updateDraft({ refresh: e.target.checked })} />
          Refresh
        </label>
      </div>
      )}
    </header>
  );
}
