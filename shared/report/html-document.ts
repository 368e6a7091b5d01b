// The page around a report: no script, nothing loaded from anywhere, a policy that enforces both.
import { REPORT_CSS } from './html-styles.js';
import { h, Markup } from './markup.js';

// Our own constant; a style element's text is not escaped, so nothing from a server may ever join it.
const STYLE = new Markup(REPORT_CSS);

/** Inline styles only: no script, no image, no font, no frame, no request of any kind. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function htmlDocument(title: string, header: Markup, body: Markup, footer: string): string {
  const page = h`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">${header}</header>
<main>${body}
<footer>${footer}</footer>
</main>
</body>
</html>
`;
  return page.html;
}
