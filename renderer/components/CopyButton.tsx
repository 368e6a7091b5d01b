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

/** A copy button; without a label it is a small icon (for table rows). */
export function CopyButton({ text, label, title }: { text: string | (() => string); label?: string; title?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={`copy ${copied ? 'copied' : ''}`}
      title={title ?? label ?? 'Copy'}
      aria-label={label ? undefined : (title ?? 'Copy')}
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
