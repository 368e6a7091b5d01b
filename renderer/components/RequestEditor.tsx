// A prepared request, editable before it is sent. The edit is kept in the store until sent,
// and the engine records it (exchange.edited) next to the original.
import type { Header, HttpRequest, Step } from '../../shared/model.js';
import { toCurl } from '../../shared/har/curl.js';
import { editPrepared, sendPrepared } from '../state/actions.js';
import { useState } from 'react';
import { useStore } from '../state/store.js';
import { isSecretHeader, maskBody, maskRequest, maskUrl } from '../lib/mask.js';
import { useSweep } from './useSweep.js';
import { STEP_LABELS } from '../lib/steps.js';
import { CopyButton } from './CopyButton.js';

function same(a: HttpRequest, b: HttpRequest): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function RequestEditor({ step }: { step: Step & { prepared: HttpRequest } }) {
  const edit = useStore((s) => s.edits[step.name]);
  const busy = useStore((s) => s.busy);
  const revealAll = useStore((s) => s.reveal);
  // "Edit (reveals secrets)" reveals this editor only, for as long as it is open.
  const [revealHere, setRevealHere] = useState(false);
  const reveal = revealAll || revealHere;
  const request = edit ?? step.prepared;
  const edited = edit !== undefined;
  // While secrets are masked, a URL or body that carries one (code, code_verifier, client_secret,
  // refresh_token…) is shown masked and read-only; editing it is an explicit choice that reveals.
  const sweep = useSweep(!reveal);
  const sweepAll = useSweep(true);
  const maskedUrl = reveal ? request.url : sweep(maskUrl(request.url));
  const maskedBody = reveal || request.body === undefined ? request.body : sweep(maskBody(request.body));
  const urlLocked = maskedUrl !== request.url;
  const bodyLocked = maskedBody !== request.body;

  const update = (patch: Partial<HttpRequest>) => {
    const next: HttpRequest = { ...request, ...patch };
    editPrepared(step.name, same(next, step.prepared) ? null : next);
  };
  const setHeader = (index: number, patch: Partial<Header>) =>
    update({ headers: request.headers.map((h, i) => (i === index ? { ...h, ...patch } : h)) });

  return (
    <form
      className="editor"
      aria-label={`Prepared ${step.name} request`}
      onSubmit={(e) => {
        e.preventDefault();
        void sendPrepared(step.name);
      }}
    >
      <div className="editor-head">
        <div>
          <h2>{STEP_LABELS[step.name]}: request prepared, not sent yet</h2>
          <p className="muted">Edit anything below, then send it. Your edit is recorded next to the original.</p>
        </div>
        {edited && <span className="tag edited">edited</span>}
      </div>
      {(urlLocked || bodyLocked) && (
        <p className="editor-masked" role="note">
          <span>
            Secrets in the {urlLocked && bodyLocked ? 'URL and body' : urlLocked ? 'URL' : 'body'} are masked, so {urlLocked && bodyLocked ? 'they are' : 'it is'} read-only.
          </span>
          <button type="button" className="link" onClick={() => setRevealHere(true)}>
            Edit (reveals secrets)
          </button>
        </p>
      )}
      {revealHere && !revealAll && (
        <p className="editor-masked" role="note">
          <span>Secrets are shown in this editor only, until it is sent or closed.</span>
          <button type="button" className="link" onClick={() => setRevealHere(false)}>
            Mask them again
          </button>
        </p>
      )}
      <div className="editor-line">
        <input className="method-input" aria-label="Method" value={request.method} onChange={(e) => update({ method: e.target.value.toUpperCase() })} spellCheck={false} />
        <input
          className="url-input"
          aria-label="Request URL"
          value={maskedUrl}
          readOnly={urlLocked}
          title={urlLocked ? 'Masked: press Edit (reveals secrets) to change it' : undefined}
          onChange={(e) => !urlLocked && update({ url: e.target.value })}
          spellCheck={false}
        />
      </div>
      <fieldset className="editor-headers">
        <legend>Headers</legend>
        {request.headers.map((header, i) => (
          <div className="header-edit" key={i} data-index={i}>
            <input aria-label={`Header ${i + 1} name`} value={header.name} placeholder="Name" onChange={(e) => setHeader(i, { name: e.target.value })} spellCheck={false} />
            <input
              aria-label={`Header ${i + 1} value`}
              type={!reveal && isSecretHeader(header.name) ? 'password' : 'text'}
              value={header.value}
              placeholder="Value"
              onChange={(e) => setHeader(i, { value: e.target.value })}
              spellCheck={false}
            />
            <button type="button" className="icon" aria-label={`Remove header ${header.name || i + 1}`} title="Remove" onClick={() => update({ headers: request.headers.filter((_, j) => j !== i) })}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="link" onClick={() => update({ headers: [...request.headers, { name: '', value: '' }] })}>
          + Add header
        </button>
      </fieldset>
      {(request.body !== undefined || request.method !== 'GET') && (
        <label className="editor-body">
          <span className="field-label">Body</span>
          <textarea
            aria-label="Request body"
            value={maskedBody ?? ''}
            readOnly={bodyLocked}
            title={bodyLocked ? 'Masked: press Edit (reveals secrets) to change it' : undefined}
            onChange={(e) => !bodyLocked && update({ body: e.target.value })}
            spellCheck={false}
            rows={Math.min(14, Math.max(4, (request.body ?? '').split('\n').length + 1))}
          />
        </label>
      )}
      <div className="editor-actions">
        <button type="submit" className="primary" disabled={!!busy}>
          {edited ? 'Send edited request' : 'Send'}
        </button>
        <button type="button" disabled={!edited} onClick={() => editPrepared(step.name, null)}>
          Discard edits
        </button>
        <span className="spacer" />
        <CopyButton text={() => toCurl(request)} redacted={() => sweepAll(toCurl(maskRequest(request)))} secretsShown={reveal} label="Copy as curl" />
      </div>
    </form>
  );
}
