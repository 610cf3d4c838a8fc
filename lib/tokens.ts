/**
 * An offset-exact tokenizer for Arabic text: every token slices back out of the original input
 * (`input.slice(token.start, token.end) === token.text`), and so does every piece of its clitic analysis.
 *
 * Rules:
 * - A word is a run of letters (any script), digits, combining marks, tatweel and ZWJ/ZWNJ. Diacritics and tatweel
 *   inside a word stay in its token; the match key (`norm`) drops them.
 * - White space, no-break spaces, zero-width spaces and bidi controls separate tokens and belong to none.
 * - Every other character is punctuation, one token per character, except that a run of the same character (`..`,
 *   `!!`) is one token, a `.` `,` `٫` `٬` between two digits stays inside the number (`3.5`, `1,000`), and a surrogate
 *   pair is never split.
 * - ة and ى only end a word, so a letter right after one starts a new token: `الروسيةمن` → `الروسية` + `من`.
 * - Latin or digits glued to Arabic stay one token of kind `mixed` (`الT4`), whose analysis still finds the article.
 */
import { CharClass, charClass, classifyCodePoint, ALEF_MAQSURA, TA_MARBUTA } from './chars';
import { analyseWord, type CliticAnalysis, type Span, type StemLexicon } from './clitics';
import { matchKey } from './normalize';

const NUMBER_INNER = new Set([0x2e, 0x2c, 0x066b, 0x066c]);

export type TokenKind = 'word' | 'number' | 'punctuation' | 'latin' | 'mixed';

export interface Token extends Span {
  /** the match key: alef/hamza/ya/ta-marbuta folded, diacritics and tatweel removed, digits ASCII, Latin lower-cased */
  norm: string;
  kind: TokenKind;
  /** the readings of the word as proclitics + (article) + stem, best first; empty for punctuation */
  analyses: CliticAnalysis[];
}

/**
 * The tokenizer proper, without argument checks or default data (internal: `tokenize` and the tagger call it).
 * With `analyse` false, tokens carry no clitic analyses (the gazetteer's name keys need only `norm`).
 */
export function scan(text: string, lexicon: StemLexicon, analyse = true): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const cls = classAt(text, i);
    const width = lastWidth;
    if (cls === CharClass.Space) {
      i++;
      continue;
    }
    if (cls === CharClass.Punct) {
      let j = i + width;
      if (width === 1) while (j < n && text.charCodeAt(j) === code) j++;
      tokens.push(makeToken(text, i, j, 'punctuation', lexicon, false));
      i = j;
      continue;
    }
    if (cls === CharClass.Joiner) {
      // a joiner outside a word is an invisible separator
      i++;
      continue;
    }
    // a word: scan to its end
    let j = i;
    let arabic = false, other = false, digits = false;
    while (j < n) {
      const c = text.charCodeAt(j);
      const k = classAt(text, j);
      const w = lastWidth;
      if (k === CharClass.ArabicLetter) {
        // ة and ى end a word: a letter after one (past any marks) starts the next token
        if (j > i && arabic && endsAfterFinalLetter(text, i, j)) break;
        arabic = true;
      } else if (k === CharClass.OtherLetter) other = true;
      else if (k === CharClass.Digit) digits = true;
      else if (k === CharClass.ArabicMark || k === CharClass.Tatweel || k === CharClass.OtherMark) { /* stays in the word */ }
      else if (k === CharClass.Joiner) {
        // inside a word only when a word character follows
        const next = j + 1 < n ? charClass(text.charCodeAt(j + 1)) : CharClass.Space;
        if (!(next >= CharClass.ArabicLetter && next <= CharClass.OtherMark)) break;
      } else if (NUMBER_INNER.has(c) && digits && !arabic && !other && j + 1 < n && charClass(text.charCodeAt(j + 1)) === CharClass.Digit) {
        // decimal or thousands separator inside a number
      } else break;
      j += w;
    }
    const kind: TokenKind = arabic ? (other || digits ? 'mixed' : 'word') : other ? (digits ? 'mixed' : 'latin') : 'number';
    tokens.push(makeToken(text, i, j, kind, lexicon, analyse));
    i = j;
  }
  return tokens;
}

/** The width in code units of the character `classAt` read last (2 for a surrogate pair). */
let lastWidth = 1;

/** The class of the character at i: a surrogate pair is read as its code point, a lone surrogate as punctuation. */
function classAt(text: string, i: number): CharClass {
  const cls = charClass(text.charCodeAt(i));
  lastWidth = 1;
  if (cls === CharClass.HighSurrogate && i + 1 < text.length && charClass(text.charCodeAt(i + 1)) === CharClass.LowSurrogate) {
    lastWidth = 2;
    return classifyCodePoint(text.codePointAt(i)!);
  }
  return cls === CharClass.HighSurrogate || cls === CharClass.LowSurrogate ? CharClass.Punct : cls;
}

/** Is the last base letter before `j` (skipping marks and tatweel) a ta marbuta or alef maqsura? */
function endsAfterFinalLetter(text: string, from: number, j: number): boolean {
  for (let k = j - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    const cls = charClass(c);
    if (cls === CharClass.ArabicMark || cls === CharClass.Tatweel) continue;
    return c === TA_MARBUTA || c === ALEF_MAQSURA;
  }
  return false;
}

function makeToken(text: string, start: number, end: number, kind: TokenKind, lexicon: StemLexicon, analyse: boolean): Token {
  const t = text.slice(start, end);
  const norm = matchKey(t);
  const analyses = analyse ? analyseWord(text, start, end, norm, lexicon) : [];
  return { text: t, start, end, norm, kind, analyses };
}
