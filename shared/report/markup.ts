// HTML built only from markup we wrote and text that is escaped: `h` escapes every value it is
// given unless it is already Markup, so a server's string cannot become markup by being forgotten.
import { html, vettedHttpUrl } from './escape.js';

export class Markup {
  constructor(readonly html: string) {}
}

export type Part = string | number | Markup | readonly Part[] | false | null | undefined;

function render(part: Part): string {
  if (part === false || part === null || part === undefined) return '';
  if (part instanceof Markup) return part.html;
  if (Array.isArray(part)) return part.map(render).join('');
  return html(String(part));
}

export function h(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  return new Markup(strings.reduce((out, s, i) => out + s + (i < parts.length ? render(parts[i]) : ''), ''));
}

/** A link only to a vetted http(s) URL; anything else is shown as text, never put in an attribute. */
export function externalLink(url: string, text: string = url): Markup {
  const href = vettedHttpUrl(url);
  return href ? h`<a href="${href}" rel="noreferrer noopener" target="_blank">${text}</a>` : h`<span class="url">${text}</span>`;
}
