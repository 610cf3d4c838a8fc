/** The built-in stem lexicon that ranks clitic analyses (see lib/clitics.ts), loaded on first use. */
import type { StemLexicon } from './clitics';
import { builtin } from './data';
import { unpackArray } from './packed';
import { KeySet } from './keyset';

let stems: KeySet | null = null;

export function defaultLexicon(): StemLexicon {
  if (!stems) stems = new KeySet(builtin.stems, unpackArray(builtin.stemSlots));
  return stems;
}
