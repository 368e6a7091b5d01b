import { useState } from 'react';
import { copyText } from '../lib/clipboard.js';

export function CopyButton({ text, label = 'Copy', title }: { text: string | (() => string); label?: string; title?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={`copy ${copied ? 'copied' : ''}`}
      title={title ?? label}
      aria-label={title ?? label}
      onClick={async (event) => {
        event.stopPropagation();
        const ok = await copyText(typeof text === 'function' ? text() : text);
        if (ok) {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        }
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}
