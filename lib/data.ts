/**
 * The built-in data, compiled from gazetteers/ and models/ by scripts/compile-data.ts into build/data.json and
 * embedded in the bundle at build time. Internal.
 */
import data from '../build/data.json';

export interface LexiconRow {
  [column: string]: string;
}

export interface BuiltinData {
  /** gazetteer entries as TSV rows without header (see gazetteers/README.md) */
  gazetteer: string;
  /** the gazetteer's phrase index and glued names (Gazetteer.exportIndex) */
  phrases: string;
  glued: string;
  /** stem lexicon keys, one a line */
  stems: string;
  lexicon: {
    titles: LexiconRow[];
    placeDescriptors: LexiconRow[];
    orgDescriptors: LexiconRow[];
    forceNouns: LexiconRow[];
    forceModifiers: LexiconRow[];
    nationalities: LexiconRow[];
    stopNames: string[];
    /** common-word match keys, one a line */
    commonWords: string;
    /** `key<TAB>latin<TAB>common` lines */
    personNames: string;
  };
  /** trained models from models/*.json, by file name (ner, romanizer) */
  models: Record<string, unknown>;
}

export const builtin = data as unknown as BuiltinData;
