/** The built-in stem lexicon that ranks clitic analyses (see lib/clitics.ts), loaded on first use. */
import type { StemLexicon } from './clitics';
import { builtin } from './data';

let stems: Set<string> | null = null;

export function defaultLexicon(): StemLexicon {
  if (!stems) stems = new Set(builtin.stems.split('\n'));
  return stems;
}
