/** JSON shapes of a doc: the full Doc, a compact record (entities only), and spaCy's `{text, ents}`. */
import type { Doc, Entity } from '../tagger/types';

export interface EntityRecord {
  id?: string;
  text?: string;
  entities: Entity[];
}

/** The compact record written per document by `arabic-ner tag --format jsonl`. */
export function toRecord(doc: Doc, id?: string, withText = false): EntityRecord {
  return { ...(id !== undefined ? { id } : {}), ...(withText ? { text: doc.text } : {}), entities: doc.entities };
}

/** spaCy's training/displaCy form. */
export function toSpacy(doc: Pick<Doc, 'text' | 'entities'>): { text: string; ents: Array<{ start: number; end: number; label: string }> } {
  return { text: doc.text, ents: doc.entities.map((e) => ({ start: e.start, end: e.end, label: e.label })) };
}
