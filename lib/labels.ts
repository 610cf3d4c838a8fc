/** The entity labels arabic-ner assigns (see corpus/GUIDELINES.md). */
export type Label = 'PER' | 'LOC' | 'ORG' | 'UNIT';

export const LABELS: readonly Label[] = ['PER', 'LOC', 'ORG', 'UNIT'];

export function isLabel(v: unknown): v is Label {
  return v === 'PER' || v === 'LOC' || v === 'ORG' || v === 'UNIT';
}
