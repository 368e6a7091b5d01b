import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard.js';
import { useStore } from '../state/store.js';

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

type Text = string | (() => string);
const resolve = (t: Text): string => (typeof t === 'function' ? t() : t);

interface Props {
  text: Text;
  label?: string;
  title?: string;
  /** The text copied is the raw value, secrets included, whatever the screen shows; the title says so. */
  unmasked?: boolean;
  /**
   * The same text with its secrets masked. The button then copies what the screen shows (masked
   * unless secrets are revealed, `secretsShown`), says which it copied, and offers the other.
   */
  redacted?: Text;
  secretsShown?: boolean;
}

/** A copy button; without a label it is a small icon (for table rows). */
export function CopyButton({ text, label, title, unmasked = false, redacted, secretsShown }: Props) {
  const revealAll = useStore((s) => s.reveal);
  const shown = secretsShown ?? revealAll;
  const [copied, setCopied] = useState<null | 'plain' | 'secrets' | 'masked'>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), copied === 'plain' ? 1200 : 5000);
    return () => clearTimeout(timer);
  }, [copied]);

  const base = title ?? label ?? 'Copy';
  const copy = async (withSecrets: boolean) => {
    const raw = resolve(text);
    const masked = redacted === undefined ? raw : resolve(redacted);
    const chosen = withSecrets ? raw : masked;
    if (await copyText(chosen)) setCopied(redacted === undefined || raw === masked ? 'plain' : withSecrets ? 'secrets' : 'masked');
  };
  const fullTitle = redacted !== undefined ? `${base} (${shown ? 'secrets included, as shown' : 'secrets masked, as shown'})` : unmasked ? `${base} (${UNMASKED_NOTE})` : base;

  return (
    <span className="copy-group">
      <button
        type="button"
        className={`copy ${copied ? 'copied' : ''}`}
        title={fullTitle}
        aria-label={label ? undefined : base}
        onClick={(event) => {
          event.stopPropagation();
          void copy(redacted === undefined || shown);
        }}
      >
        {copied === 'secrets' ? 'Copied with secrets' : copied === 'masked' ? 'Copied, secrets masked' : copied ? 'Copied' : (label ?? <CopyIcon />)}
      </button>
      {(copied === 'secrets' || copied === 'masked') && (
        <button
          type="button"
          className="link copy-alt"
          onClick={(event) => {
            event.stopPropagation();
            void copy(copied === 'masked');
          }}
        >
          {copied === 'masked' ? 'copy with secrets' : 'copy masked'}
        </button>
      )}
    </span>
  );
}
