/**
 * The public tokenizer: `scan` (lib/tokens.ts) with argument checks and the built-in stem lexicon.
 */
import { scan, type Token } from './tokens';
import type { StemLexicon } from './clitics';
import { defaultLexicon } from './lexicon';
import { argTypeError, rejectUnknownOptions, requireOptions, requireString } from './errors';

export type { Token, TokenKind } from './tokens';
export type { CliticAnalysis, Span, StemLexicon } from './clitics';

export interface TokenizeOptions {
  /** known stems that rank the clitic analyses (default: the built-in gazetteer words and common words) */
  lexicon?: StemLexicon;
}

/**
 * Splits `text` into tokens with exact offsets into it.
 *
 * @example tokenize('بتدمر').map(t => t.analyses[0].stem.text) // ['تدمر']
 */
export function tokenize(text: string, options?: TokenizeOptions): Token[] {
  requireString('tokenize', 'text', text);
  requireOptions('tokenize', options);
  rejectUnknownOptions('tokenize', options, ['lexicon']);
  const lexicon = options?.lexicon ?? defaultLexicon();
  if (typeof lexicon?.has !== 'function') throw argTypeError('tokenize', 'options.lexicon', 'an object with a has(key) method', lexicon);
  return scan(text, lexicon);
}

