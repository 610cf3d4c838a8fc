/** The tagger's output types. */
import type { Label } from '../labels';
import type { Sentence } from '../sentences';
import type { Token } from '../tokens';

export type EntitySource = 'gazetteer' | 'rule' | 'model';

/** The title, rank or role that introduced a person (العقيد → Colonel). */
export interface PersonTitle {
  text: string;
  en: string;
  kind: string;
}

export interface Entity {
  /** `doc.text.slice(start, end) === text`; proclitics are outside the span (see corpus/GUIDELINES.md) */
  start: number;
  end: number;
  label: Label;
  text: string;
  /** the mention normalised: diacritics, tatweel and invisible characters removed, the article restored after ل */
  normalized: string;
  /** the canonical Latin name when the entity is linked, else a romanisation */
  latin: string;
  /** the gazetteer id when linked */
  id?: string;
  /** the canonical Arabic name of the linked entry */
  canonical?: string;
  source: EntitySource;
  /** confidence in [0, 1] */
  score: number;
  /** for people: the title, rank or role before the name */
  title?: PersonTitle;
}

export interface Doc {
  text: string;
  tokens: Token[];
  /** the tokens' sentences (a doc from `tag()` splits them when this is first read) */
  sentences: Sentence[];
  entities: Entity[];
}

/** A proposed mention, before overlaps are resolved. Internal. */
export interface Candidate {
  start: number;
  end: number;
  /** tokens[tokenStart..tokenEnd) hold the span */
  tokenStart: number;
  tokenEnd: number;
  label: Label;
  source: EntitySource;
  score: number;
  /** gazetteer entry index */
  entry?: number;
  title?: PersonTitle;
  /** the article was elided after ل (للتحالف): `normalized` restores it */
  elided?: boolean;
  /** a rule that read explicit context (a descriptor or title): wins a tie with a gazetteer span of the same extent */
  contextual?: boolean;
  /** a gazetteer match too doubtful to report (see lib/tagger/match.ts), kept as a feature for the model */
  weak?: boolean;
}
