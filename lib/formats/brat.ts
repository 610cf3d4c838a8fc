/**
 * BRAT standoff: the text in a .txt file, the annotations in a .ann file, one text-bound annotation a line:
 * `T1<TAB>LABEL START END<TAB>text`. Offsets are the same UTF-16 indices as everywhere in arabic-ner (BRAT counts
 * Unicode code points; they agree for Arabic, which has no astral characters).
 */
import { DataError } from '../errors';
import type { GoldDoc, GoldMention } from '../eval/gold';
import type { Mention } from '../eval/score';

export function toBrat(text: string, entities: readonly Mention[]): string {
  return entities.map((e, i) => `T${i + 1}\t${e.label} ${e.start} ${e.end}\t${text.slice(e.start, e.end).replace(/\n/g, ' ')}`).join('\n') + (entities.length ? '\n' : '');
}

/** Reads a .ann file against its text. Only text-bound annotations (T lines) are read; others are skipped. */
export function readBrat(text: string, ann: string, file = '<input>.ann'): GoldDoc {
  const entities: GoldMention[] = [];
  ann.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.startsWith('T')) return;
    const m = /^T\S+\t(\S+) (\d+) (\d+)(?:\t(.*))?$/.exec(line);
    if (!m) throw new DataError('ERR_FORMAT', file, i + 1, `expected 'T<n><TAB>LABEL START END<TAB>text' (discontinuous spans are not supported), got ${JSON.stringify(line)}`);
    const [, label, s, e, surface] = m;
    const start = Number(s);
    const end = Number(e);
    if (start >= end || end > text.length) throw new DataError('ERR_FORMAT', file, i + 1, `span [${start}, ${end}) is outside the text (length ${text.length})`);
    const slice = text.slice(start, end);
    if (surface !== undefined && surface !== slice.replace(/\n/g, ' ')) throw new DataError('ERR_FORMAT', file, i + 1, `annotation text ${JSON.stringify(surface)} does not match the text's ${JSON.stringify(slice)}`);
    entities.push({ start, end, label, text: slice });
  });
  entities.sort((a, b) => a.start - b.start);
  return { id: file, text, entities };
}
