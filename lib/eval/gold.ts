/**
 * Reads gold (or silver) data in the corpus JSONL format (corpus/GUIDELINES.md): one object a line,
 * `{"id", "text", "entities": [{"start", "end", "label", "text"}]}`. Every mention is checked to slice back out of its
 * text; a bad line throws a DataError naming the file and line.
 */
import { DataError } from '../errors';
import type { Mention } from './score';

export interface GoldMention extends Mention {
  text: string;
}

export interface GoldDoc {
  id: string;
  text: string;
  entities: GoldMention[];
}

export function parseGoldJsonl(content: string, file = '<input>'): GoldDoc[] {
  const docs: GoldDoc[] = [];
  const lines = content.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    const bad = (reason: string): never => {
      throw new DataError('ERR_FORMAT', file, i + 1, reason);
    };
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      bad(`invalid JSON: ${(e as Error).message}`);
    }
    const o = obj as Record<string, unknown>;
    if (!o || typeof o !== 'object' || typeof o.text !== 'string') bad('expected an object with a string "text"');
    const text = o.text as string;
    const ents = o.entities ?? [];
    if (!Array.isArray(ents)) bad('"entities" must be an array');
    const entities = (ents as unknown[]).map((e, k) => {
      const m = e as Record<string, unknown>;
      if (!m || typeof m.start !== 'number' || typeof m.end !== 'number' || typeof m.label !== 'string') bad(`entities[${k}] needs numeric start, end and a string label`);
      const { start, end, label } = m as { start: number; end: number; label: string };
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) bad(`entities[${k}] has an invalid span [${start}, ${end}) for a text of length ${text.length}`);
      const surface = text.slice(start, end);
      if (typeof m.text === 'string' && m.text !== surface) bad(`entities[${k}] text ${JSON.stringify(m.text)} does not match text.slice(${start}, ${end}) = ${JSON.stringify(surface)}`);
      return { start, end, label, text: surface };
    });
    docs.push({ id: typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : String(docs.length + 1), text, entities });
  });
  return docs;
}

/**
 * One gold document a line of the text (for CoNLL data, whose sentences `readConll` joins with line breaks and whose
 * documents are not marked): offsets are made relative to each line. A mention across a line break is an error.
 */
export function splitGoldLines(doc: GoldDoc): GoldDoc[] {
  const out: GoldDoc[] = [];
  let start = 0;
  let m = 0;
  const mentions = [...doc.entities].sort((a, b) => a.start - b.start);
  for (const line of doc.text.split('\n')) {
    const end = start + line.length;
    const entities: GoldMention[] = [];
    for (; m < mentions.length && mentions[m].start < end; m++) {
      const g = mentions[m];
      if (g.end > end) throw new RangeError(`${doc.id}: the mention ${JSON.stringify(g.text)} at ${g.start} crosses a line break`);
      entities.push({ ...g, start: g.start - start, end: g.end - start });
    }
    out.push({ id: `${doc.id}:${out.length + 1}`, text: line, entities });
    start = end + 1;
  }
  return out;
}
