/**
 * The built-in data, compiled from gazetteers/ and models/ by scripts/compile-data.ts into build/data.json and
 * embedded in the bundle at build time. Internal.
 */
import data from '../build/data.json';
import type { PackedArray } from './packed';

export interface LexiconRow {
  [column: string]: string;
}

export interface BuiltinData {
  /** gazetteer entries as TSV rows without header (see gazetteers/README.md) */
  gazetteer: string;
  /** the gazetteer's phrase index and glued names (Gazetteer.exportIndex) */
  phrases: string;
  glued: string;
  /** `key<TAB>labels` lines: the labels of the multi-word names holding each word (Gazetteer.wordLabels) */
  wordLabels: string;
  /** `surname<TAB>entry` lines: the best person by the last word of their name (Gazetteer.personBySurname) */
  surnames: string;
  /** stem lexicon keys, one a line, and their `KeySet` slot table (lib/keyset.ts) */
  stems: string;
  stemSlots: PackedArray;
  lexicon: {
    titles: LexiconRow[];
    placeDescriptors: LexiconRow[];
    orgDescriptors: LexiconRow[];
    forceNouns: LexiconRow[];
    forceModifiers: LexiconRow[];
    /** weapons, vehicles and craft (gazetteers/lexicon/equipment.tsv) */
    equipment: LexiconRow[];
    nationalities: LexiconRow[];
    stopNames: string[];
    /** common-word match keys, one a line */
    commonWords: string;
    /** person-name word keys, one a line, and their `KeySet` slot table */
    personNames: string;
    personNameSlots: PackedArray;
    /** the person-name words that are also common words */
    commonNames: string;
    /** `key<TAB>latin` lines, sorted by key in code-unit order: each person-name word's usual Latin form */
    personLatin: string;
  };
  /** trained models from models/*.json, by file name (ner; romanizer, compiled: `CompiledRomanizer`), as JSON text */
  models: Record<string, string>;
}

/** A built-in model, parsed from its JSON text, or undefined when the package ships none. */
export function builtinModel<T>(name: string): T | undefined {
  const text = builtin.models[name];
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

export const builtin = data as unknown as BuiltinData;
