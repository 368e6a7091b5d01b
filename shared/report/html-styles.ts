// The report's look: a browser network panel, light or dark as the system prefers.
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --bg-alt: #f6f7f9; --bg-hover: #eef1f5; --border: #d6dae0; --border-strong: #b9c0c9;
  --text: #1f2328; --muted: #626a74; --accent: #0b63ce; --ok: #116329; --ok-bg: #e6f6ea;
  --warn: #8a5a00; --warn-bg: #fff5d6; --bad: #c4161c; --bad-bg: #fff0ef; --info: #3b5b8c; --info-bg: #eaf1fb;
  --mono: ui-monospace, 'SF Mono', 'Cascadia Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace;
  --sans: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #1e1f22; --bg-alt: #26282c; --bg-hover: #2f3237; --border: #3a3d43; --border-strong: #50545c;
    --text: #e3e5e8; --muted: #aab0b8; --accent: #4c9bff; --ok: #57c56d; --ok-bg: #1b3324;
    --warn: #e8b64c; --warn-bg: #3a2f14; --bad: #ff6b66; --bad-bg: #3d1f21; --info: #8fb4ea; --info-bg: #1f2a3a;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 13px/1.45 var(--sans); }
header.top { padding: 14px 20px; border-bottom: 1px solid var(--border); background: var(--bg-alt); }
header.top h1 { margin: 0 0 4px; font-size: 17px; }
header.top .meta { color: var(--muted); }
main { padding: 8px 20px 40px; max-width: 1400px; }
section { margin-top: 18px; }
h2 { font-size: 14px; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 13px; margin: 12px 0 4px; }
.mono, code, pre, .url { font-family: var(--mono); font-size: 12px; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 11px; font-weight: 600; line-height: 18px; white-space: nowrap; }
.ok, .sev-pass, .st-done { color: var(--ok); } .badge.ok, .badge.st-done, .badge.sev-pass { background: var(--ok-bg); }
.bad, .sev-error, .st-failed { color: var(--bad); } .badge.bad, .badge.sev-error, .badge.st-failed { background: var(--bad-bg); }
.sev-warning { color: var(--warn); } .badge.sev-warning { background: var(--warn-bg); }
.sev-info, .st-skipped { color: var(--info); } .badge.sev-info, .badge.st-skipped { background: var(--info-bg); }
.st-pending, .st-ready, .st-running, .sev-skip { color: var(--muted); } .badge.st-pending, .badge.st-ready, .badge.st-running, .badge.sev-skip { background: var(--bg-hover); }
table.grid { border-collapse: collapse; width: 100%; }
table.grid th, table.grid td { text-align: left; vertical-align: top; padding: 3px 8px; border-bottom: 1px solid var(--border); }
table.grid th { background: var(--bg-alt); font-weight: 600; color: var(--muted); }
table.grid tr:hover td { background: var(--bg-hover); }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.error-text { color: var(--bad); }
.hint { color: var(--muted); }
a { color: var(--accent); }
.card { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; }
.card .col { border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; background: var(--bg-alt); }
.card .col.bad { border-color: var(--bad); }
.card .col-title { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-bottom: 4px; }
.card .value { font-family: var(--mono); font-weight: 600; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
.chips li { font-family: var(--mono); font-size: 12px; border: 1px solid var(--border-strong); border-radius: 4px; padding: 0 5px; }
.chips li.is-used { border-color: var(--accent); color: var(--accent); }
.verdict { margin-bottom: 8px; }
.diag { border-left: 3px solid var(--border-strong); padding: 4px 10px; margin: 8px 0; background: var(--bg-alt); }
.diag.sev-error { border-left-color: var(--bad); } .diag.sev-warning { border-left-color: var(--warn); } .diag.sev-info { border-left-color: var(--info); }
.diag .title { font-weight: 600; color: var(--text); }
.diag p { margin: 4px 0; color: var(--text); }
.diag ul { margin: 2px 0; padding-left: 18px; color: var(--text); }
details.exchange { border-bottom: 1px solid var(--border); }
details.exchange > summary { cursor: pointer; padding: 3px 6px; display: grid; grid-template-columns: 4.5em 4.5em 4em 13em minmax(0, 1fr) 6em; gap: 8px; font-family: var(--mono); font-size: 12px; }
details.exchange > summary:hover { background: var(--bg-hover); }
details.exchange > summary .u { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
details.exchange[open] > summary { background: var(--bg-alt); }
.exchange-body { padding: 4px 12px 12px; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
.exchange-body table { border-collapse: collapse; width: 100%; }
.exchange-body td { font-family: var(--mono); font-size: 12px; padding: 1px 6px 1px 0; vertical-align: top; word-break: break-all; }
.exchange-body td.k { color: var(--muted); white-space: nowrap; word-break: normal; width: 1%; }
pre { margin: 4px 0; padding: 6px 8px; background: var(--bg-alt); border: 1px solid var(--border); border-radius: 4px; white-space: pre-wrap; word-break: break-all; max-height: 360px; overflow: auto; }
.seq { overflow-x: auto; border: 1px solid var(--border); border-radius: 6px; background: var(--bg-alt); }
.seq svg { display: block; }
.seq .lane { stroke: var(--border-strong); stroke-dasharray: 4 4; }
.seq .actor rect { fill: var(--bg); stroke: var(--border-strong); }
.seq text { fill: var(--text); font: 12px var(--mono); }
.seq .actor text { font: 600 12px var(--sans); }
.seq .req line { stroke: var(--accent); } .seq .req polygon { fill: var(--accent); }
.seq .res line { stroke: var(--muted); stroke-dasharray: 5 3; } .seq .res polygon { fill: var(--muted); }
.seq .res.bad line { stroke: var(--bad); } .seq .res.bad polygon, .seq .res.bad text { fill: var(--bad); }
.seq .res text { fill: var(--muted); }
.seq a:hover text { text-decoration: underline; }
footer { margin-top: 30px; color: var(--muted); font-size: 12px; }
`;
