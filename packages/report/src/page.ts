import { escapeHtml as esc } from './escape.js';
import { PAGE_PREFIX } from './page-policy.js';

/**
 * The HTML page shell shared by every report: inline CSS, no scripts, no
 * network (and a Content-Security-Policy saying so, page-policy.ts). `body` is trusted HTML built by the sections, which escape every
 * name that came from an input file. `extraCss` adds page-specific rules.
 */
export function htmlPage(title: string, body: string, extraCss = ''): string {
  return `${PAGE_PREFIX}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; line-height: 1.45; }
  h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
  .meta { color: #555; font-size: 0.9rem; }
  table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.92rem; }
  th, td { padding: 0.25rem 0.8rem; text-align: right; border-bottom: 1px solid #eee; }
  th:first-child, td:first-child { text-align: left; }
  th { background: #f6f6f6; }
  .chart svg { max-width: 100%; height: auto; }
  .note { color: #555; font-size: 0.85rem; }
  .up { color: #b22; } .down { color: #282; } .ns { color: #777; }
  .warnings { border: 2px solid #c80; background: #fff8e6; padding: 0.2rem 1rem; margin: 1rem 0; }
  .warnings h2 { margin-top: 0.5rem; border: 0; } .warnings li { margin: 0.2rem 0; } .finding-error b { color: #b22; } .finding-warn b { color: #a60; }
${extraCss}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export const money = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
export const pct = (v: number, digits = 2): string => `${(v * 100).toFixed(digits)}%`;

/** A section: a heading and its content. */
export function section(title: string, content: string): string {
  return `<section>\n<h2>${esc(title)}</h2>\n${content}\n</section>`;
}
