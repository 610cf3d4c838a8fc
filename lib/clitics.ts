/**
 * Proclitic analysis of one Arabic word: which of و ف (conjunctions), ب ل ك (prepositions) and the article ال open it.
 *
 * Segmentation is a ranked set of candidate analyses, never a destructive split: `وزارة` keeps its reading with no
 * proclitic beside و + زارة, and the ranking decides which comes first. The rule, in order of weight:
 * 1. an analysis whose stem (without the article) is a known word (`StemLexicon`: gazetteer name words and common
 *    words) gains 1.5; a later word of a name that is a proclitic glued to a known word (بلبنان in المحكمة الخاصة
 *    بلبنان) is not a known word, or بلبنان would read whole wherever it is written (`isGluedProclitic`);
 * 2. a reading with no proclitic starts at 0.5; one with proclitics starts at 1.0 when the article follows them
 *    (وال، بال، لل: the article is strong evidence of a clitic boundary) and at 0.3 when it does not (a bare و/ب/ل/ك/ف
 *    is as likely to be the word's first letter);
 * 3. a two-letter stem loses 0.2.
 * So `بتدمر` → ب + تدمر (تدمر is known), `بغداد` stays whole (غداد is not), `للتحالف` → ل + (ا)لتحالف, `للبنان` → ل + لبنان.
 * Ties keep the order of generation: fewer proclitics first.
 */
import { CharClass, charClass } from './chars';

/** A piece of the original text: `input.slice(start, end) === text`. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** One way to read a word as proclitics + (article) + stem. */
export interface CliticAnalysis {
  /** conjunction and preposition pieces (و ف ب ل ك), in order; names start after them */
  proclitics: Span[];
  /** the article ال, or its lam alone when its alif is elided after ل (للتحالف); inside a name's span */
  article: Span | null;
  /** the rest of the word */
  stem: Span;
  /** the match key of article + stem, with the elided alif restored (للتحالف → التحالف); see `Token.norm` */
  norm: string;
  /** the match key of the stem alone, without the article */
  stemNorm: string;
  /** the ranking score (higher first); see the module comment for the rule */
  score: number;
}

/** Known stems, by match key without the article, that rank analyses. */
export interface StemLexicon {
  has(key: string): boolean;
}

const WAW = 0x0648, FA = 0x0641, BA = 0x0628, LAM = 0x0644, KAF = 0x0643, ALEF = 0x0627;
const PREPOSITIONS = [BA, LAM, KAF];
/** the proclitics of every reading without any (analyses are internal to the word-form cache and never changed) */
const NO_PROCLITICS: Span[] = Object.freeze([]) as unknown as Span[];

/**
 * All analyses of the word `input.slice(start, end)`, best first. The first letter must be Arabic for any proclitic to
 * be considered; otherwise the single analysis is the whole word.
 */
export function analyseWord(input: string, start: number, end: number, norm: string, lexicon: StemLexicon): CliticAnalysis[] {
  const whole: CliticAnalysis = { proclitics: NO_PROCLITICS, article: null, stem: { text: input.slice(start, end), start, end }, norm, stemNorm: norm, score: 0 };
  const first = norm.charCodeAt(0);
  // only a word opening with و ف ب ل ك or ا can carry proclitics or the article
  if (norm.length < 3 || !(first === WAW || first === FA || first === BA || first === LAM || first === KAF || first === ALEF) || charClass(input.charCodeAt(start)) !== CharClass.ArabicLetter) {
    whole.score = 0.5 + (lexicon.has(norm) ? 1.5 : 0);
    return [whole];
  }
  // `norm` drops marks, tatweel and joiners; when nothing was dropped, letter k of `norm` is input[start + k]
  let pos: number[] | null = null;
  if (norm.length !== end - start) {
    pos = [];
    for (let i = start; i < end; i++) {
      const cls = charClass(input.charCodeAt(i));
      if (cls !== CharClass.ArabicMark && cls !== CharClass.Tatweel && cls !== CharClass.Joiner && cls !== CharClass.OtherMark) pos.push(i);
    }
  }
  const n = norm.length;
  const letter = (k: number): number => norm.charCodeAt(k);
  const at = (k: number): number => (k >= n ? end : pos ? pos[k] : start + k);
  const piece = (a: number, b: number): Span => {
    const s = a === 0 ? start : at(a);
    const e = at(b);
    return { text: input.slice(s, e), start: s, end: e };
  };

  const out: CliticAnalysis[] = [];
  for (let conj = 0; conj < 2; conj++) {
    if (conj && letter(0) !== WAW && letter(0) !== FA) continue;
    const i0 = conj;
    for (let p = -1; p < PREPOSITIONS.length; p++) {
      const prep = p < 0 ? 0 : PREPOSITIONS[p];
      if (prep !== 0 && letter(i0) !== prep) continue;
      const i1 = prep === 0 ? i0 : i0 + 1;
      const hasFull = letter(i1) === ALEF && letter(i1 + 1) === LAM;
      const hasElided = prep === LAM && letter(i1) === LAM;
      // art 0: no article; 1: ال; 2: the lam of ال after ل (alif elided)
      for (let art = 0; art < 3; art++) {
        if (art === 1 && !hasFull) continue;
        if (art === 2 && !hasElided) continue;
        if (art === 0 && hasFull && n - i1 - 2 >= 2) continue; // a word opening with ال always reads it as the article
        const i2 = i1 + (art === 1 ? 2 : art === 2 ? 1 : 0);
        if (n - i2 < 2) continue;
        if (i1 === 0 && art === 0) {
          out.push(whole);
          continue;
        }
        // array literals of the exact size: a word form keeps its analyses for as long as it is cached
        const proclitics = conj && prep !== 0 ? [piece(0, 1), piece(i0, i1)] : conj ? [piece(0, 1)] : prep !== 0 ? [piece(i0, i1)] : NO_PROCLITICS;
        const stem = piece(i2, n);
        const stemNorm = norm.slice(i2);
        const article = art === 0 ? null : piece(i1, i2);
        const name = art === 2 ? 'ا' + norm.slice(i1) : art === 1 ? norm.slice(i1) : stemNorm;
        out.push({ proclitics, article, stem, norm: name, stemNorm, score: 0 });
      }
    }
  }
  if (out.length === 0) out.push(whole);
  for (const a of out) {
    let s = a.proclitics.length === 0 ? 0.5 : a.article ? 1.0 : 0.3;
    if (lexicon.has(a.stemNorm)) s += 1.5;
    if (a.stemNorm.length <= 2) s -= 0.2;
    a.score = Math.round(s * 100) / 100;
  }
  // insertion sort, stable: ties keep generation order (fewer proclitics first)
  for (let i = 1; i < out.length; i++) {
    const x = out[i];
    let j = i - 1;
    while (j >= 0 && out[j].score < x.score) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = x;
  }
  // a copy of the exact length (an array grown by push keeps room for 16 entries, ~130 bytes a cached word form)
  return out.slice();
}
