/**
 * The terminal view: the text with each mention bracketed and labelled, coloured when the output is a terminal.
 * Each mention is wrapped in Unicode directional isolates so that the Latin label does not reorder the Arabic around
 * it, and a table of the entities follows.
 */
import type { Doc } from '../tagger/types';

const ANSI: Record<string, string> = { PER: '\x1b[41;97m', LOC: '\x1b[44;97m', ORG: '\x1b[42;30m', UNIT: '\x1b[43;30m' };
const RESET = '\x1b[0m';
const FSI = '\u2068';
const PDI = '\u2069';

export function toPretty(doc: Pick<Doc, 'text' | 'entities'>, colour: boolean): string {
  let out = '';
  let at = 0;
  for (const e of doc.entities) {
    if (e.start < at) continue;
    out += doc.text.slice(at, e.start);
    const mention = `${FSI}[${doc.text.slice(e.start, e.end)}]${PDI}${FSI}${e.label}${PDI}`;
    out += colour ? `${ANSI[e.label] ?? ''}${mention}${RESET}` : mention;
    at = e.end;
  }
  out += doc.text.slice(at);
  const rows = doc.entities.map((e) => `  ${e.label.padEnd(4)} ${String(e.start).padStart(6)}-${String(e.end).padEnd(6)} ${FSI}${e.text}${PDI}  ${e.latin}${e.id ? `  ${e.id}` : ''}${e.title ? `  (${e.title.en})` : ''}`);
  return `${out.trimEnd()}\n\n${rows.join('\n')}\n`;
}
