/**
 * Proclitic analysis of one Arabic word: which of و ف (conjunctions), ب ل ك (prepositions) and the article ال open it.
 *
 * Segmentation is a ranked set of candidate analyses, never a destructive split: `وزارة` keeps its reading with no
 * proclitic beside و + زارة, and the ranking decides which comes first. The rule, in order of weight:
 * 1. an analysis whose stem (without the article) is a known word (`StemLexicon`: gazetteer name words and common
 *    words) gains 1.5;
 * 2. a reading with no proclitic starts at 0.5; one with proclitics starts at 1.0 when the article follows them
 *    (وال، بال، لل: the article is strong evidence of a clitic boundary) and at 0.3 when it does not (a bare و/ب/ل/ك/ف
 *    is as likely to be the word's first letter);
 * 3. a two-letter stem loses 0.2.
 * So `بتدمر` → ب + تدمر (تدمر is known), `بغداد` stays whole (غداد is not), `للتحالف` → ل + (ا)لتحالف, `للبنان` → ل + لبنان.
 * Ties keep the order of generation: fewer proclitics first.
 */
import { CharClass, charClass } from './chars';
import { matchKey } from './normalize';

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
const ALEF_VARIANTS = new Set([0x0627, 0x0623, 0x0625, 0x0622, 0x0671]);
const PREPOSITIONS = [BA, LAM, KAF];

/**
 * All analyses of the word `input.slice(start, end)`, best first. The first letter must be Arabic for any proclitic to
 * be considered; otherwise the single analysis is the whole word.
 */
export function analyseWord(input: string, start: number, end: number, norm: string, lexicon: StemLexicon): CliticAnalysis[] {
  // Positions of base characters (letters, digits), skipping marks, tatweel and joiners, which stay with the letter before.
  const pos: number[] = [];
  const letter: number[] = [];
  for (let i = start; i < end; i++) {
    const code = input.charCodeAt(i);
    const cls = charClass(code);
    if (cls === CharClass.ArabicMark || cls === CharClass.Tatweel || cls === CharClass.Joiner || cls === CharClass.OtherMark) continue;
    pos.push(i);
    letter.push(ALEF_VARIANTS.has(code) ? ALEF : code);
  }
  const n = pos.length;
  const whole: CliticAnalysis = {
    proclitics: [],
    article: null,
    stem: { text: input.slice(start, end), start, end },
    norm,
    stemNorm: norm,
    score: 0,
  };
  if (n < 3 || charClass(input.charCodeAt(pos[0])) !== CharClass.ArabicLetter) {
    whole.score = 0.5 + (lexicon.has(norm) ? 1.5 : 0);
    return [whole];
  }
  const at = (k: number): number => (k < n ? pos[k] : end);
  const piece = (a: number, b: number): Span => {
    const s = a === 0 ? start : at(a);
    const e = at(b);
    return { text: input.slice(s, e), start: s, end: e };
  };

  const out: CliticAnalysis[] = [];
  for (const conj of [false, true]) {
    if (conj && letter[0] !== WAW && letter[0] !== FA) continue;
    const i0 = conj ? 1 : 0;
    for (const prep of [0, ...PREPOSITIONS]) {
      if (prep !== 0 && letter[i0] !== prep) continue;
      const i1 = prep === 0 ? i0 : i0 + 1;
      const hasFull = letter[i1] === ALEF && letter[i1 + 1] === LAM;
      const hasElided = prep === LAM && letter[i1] === LAM;
      for (const art of [0, 1, 2] as const) {
        // 0: no article; 1: ال; 2: the lam of ال after ل (alif elided)
        if (art === 1 && !hasFull) continue;
        if (art === 2 && !hasElided) continue;
        if (art === 0 && hasFull && n - i1 - 2 >= 2) continue; // a word opening with ال always reads it as the article
        const i2 = i1 + (art === 1 ? 2 : art === 2 ? 1 : 0);
        if (n - i2 < 2) continue;
        if (i1 === 0 && art === 0) {
          out.push(whole);
          continue;
        }
        const proclitics: Span[] = [];
        if (conj) proclitics.push(piece(0, 1));
        if (prep !== 0) proclitics.push(piece(i0, i1));
        const stem = piece(i2, n);
        const stemNorm = matchKey(stem.text);
        const article = art === 0 ? null : piece(i1, i2);
        const spanStart = article ? article.start : stem.start;
        const norm = art === 2 ? 'ا' + matchKey(input.slice(spanStart, end)) : art === 1 ? matchKey(input.slice(spanStart, end)) : stemNorm;
        out.push({ proclitics, article, stem, norm, stemNorm, score: 0 });
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
  // stable sort: ties keep generation order (fewer proclitics first)
  return out.map((a, i) => [a, i] as const).sort((x, y) => y[0].score - x[0].score || x[1] - y[1]).map((x) => x[0]);
}
