/**
 * An HTML view of a tagged doc, displaCy-like: the text right to left, each mention marked and coloured by label,
 * its label after it, its Latin name and id on hover, and a legend. Everything from the text is escaped.
 */
import type { Doc } from '../tagger/types';
import { LABELS } from '../labels';

export const LABEL_COLOURS: Readonly<Record<string, string>> = { PER: '#f4a3a8', LOC: '#9fd3f5', ORG: '#b9e4a8', UNIT: '#f7d38f' };
const LABEL_NAMES: Record<string, string> = { PER: 'person', LOC: 'place', ORG: 'organisation', UNIT: 'military unit' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const HTML_STYLE = `.arabic-ner{direction:rtl;font:18px/2.2 'Noto Naskh Arabic','Amiri',Tahoma,sans-serif;white-space:pre-wrap}
.arabic-ner mark{padding:.1em .3em;border-radius:.3em;margin:0 .1em}
.arabic-ner mark .label{font:bold 11px sans-serif;margin-inline-start:.4em;unicode-bidi:isolate;opacity:.8}
.arabic-ner-legend{font:13px sans-serif;margin:.5em 0;direction:ltr}
.arabic-ner-legend span{padding:.1em .5em;border-radius:.3em;margin-right:.5em}`;

export interface HtmlOptions {
  /** a whole page with <html>, style and legend (default false: a <div> and the legend only) */
  page?: boolean;
  /** page title (with `page`) */
  title?: string;
}

/** Renders a doc as HTML. @example toHTML(tag('قصف التحالف تدمر'), { page: true }) */
export function toHTML(doc: Pick<Doc, 'text' | 'entities'>, options: HtmlOptions = {}): string {
  let body = '';
  let at = 0;
  for (const e of [...doc.entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    body += escapeHtml(doc.text.slice(at, e.start));
    const hover = [e.latin, e.id, e.title ? `${e.title.text} (${e.title.en})` : ''].filter(Boolean).join(' · ');
    body += `<mark class="ent ent-${e.label}" data-label="${e.label}" style="background:${LABEL_COLOURS[e.label] ?? '#ddd'}" title="${escapeHtml(hover)}">${escapeHtml(doc.text.slice(e.start, e.end))}<span class="label">${e.label}</span></mark>`;
    at = e.end;
  }
  body += escapeHtml(doc.text.slice(at));
  const legend = `<div class="arabic-ner-legend">${LABELS.map((l) => `<span style="background:${LABEL_COLOURS[l]}">${l} ${LABEL_NAMES[l]}</span>`).join('')}</div>`;
  const div = `${legend}<div class="arabic-ner" dir="rtl" lang="ar">${body}</div>`;
  if (!options.page) return div;
  return `<!doctype html>
<html lang="ar"><head><meta charset="utf-8"><title>${escapeHtml(options.title ?? 'arabic-ner')}</title>
<style>body{max-width:50em;margin:2em auto;padding:0 1em}${HTML_STYLE}</style></head>
<body>${div}</body></html>
`;
}
