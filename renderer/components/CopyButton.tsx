import { useState } from 'react';
import { copyText } from '../lib/clipboard.js';

function CopyIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-0.5a1.5 1.5 0 0 0-1.5-1.5h-5a1.5 1.5 0 0 0-1.5 1.5v5a1.5 1.5 0 0 0 1.5 1.5h0.5" />
    </svg>
  );
}

/** What the title adds when the copied text is the raw value, though the screen may show it masked. */
export const UNMASKED_NOTE = 'copies the unmasked value';

/**
 * A copy button; without a label it is a small icon (for table rows). `unmasked`: the text copied
 * is the raw value, secrets included, whatever the screen shows; the title says so.
 */
export function CopyButton({ text, label, title, unmasked = false }: { text: string | (() => string); label?: string; title?: string; unmasked?: boolean }) {
  const [copied, setCopied] = useState(false);
  const base = title ?? label ?? 'Copy';
  return (
    <button
      type="button"
      className={`copy ${copied ? 'copied' : ''}`}
      title={unmasked ? `${base} (${UNMASKED_NOTE})` : base}
      aria-label={label ? undefined : base}
      onClick={async (event) => {
        event.stopPropagation();
        const ok = await copyText(typeof text === 'function' ? text() : text);
        if (ok) {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        }
      }}
    >
      {copied ? 'Copied' : (label ?? <CopyIcon />)}
    </button>
  );
}
