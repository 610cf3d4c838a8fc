/**
 * Character classes and one-to-one character folds, defined once and shared by the normaliser and the tokenizer.
 *
 * Everything works on UTF-16 code units so that offsets stay JavaScript string indices. Astral code points
 * (surrogate pairs) are classified by the tokenizer from the full code point.
 */

/** What a code unit is, for tokenisation. */
export const enum CharClass {
  Unknown = 0,
  /** white space and invisible separators (no-break space, bidi marks, zero-width space, BOM) */
  Space = 1,
  ArabicLetter = 2,
  /** Arabic harakat, shadda, sukun, tanween, superscript alef, Quranic marks */
  ArabicMark = 3,
  Tatweel = 4,
  Digit = 5,
  /** a letter of any other script (Latin, Cyrillic, …) */
  OtherLetter = 6,
  /** a combining mark of another script */
  OtherMark = 7,
  /** punctuation, symbols, controls */
  Punct = 8,
  /** zero-width joiner / non-joiner: part of a word when inside one */
  Joiner = 9,
  HighSurrogate = 10,
  LowSurrogate = 11,
}

export const TATWEEL = 0x0640;
export const TA_MARBUTA = 0x0629;
export const ALEF_MAQSURA = 0x0649;

const table = new Uint8Array(0x10000);

function setRange(from: number, to: number, cls: CharClass): void {
  table.fill(cls, from, to + 1);
}

// Arabic block and its supplements. Marks first, letters over them only where they are letters.
setRange(0x0620, 0x063f, CharClass.ArabicLetter);
setRange(0x0641, 0x064a, CharClass.ArabicLetter);
setRange(0x066e, 0x066f, CharClass.ArabicLetter);
setRange(0x0671, 0x06d3, CharClass.ArabicLetter);
setRange(0x06d5, 0x06d5, CharClass.ArabicLetter);
setRange(0x06ee, 0x06ef, CharClass.ArabicLetter);
setRange(0x06fa, 0x06fc, CharClass.ArabicLetter);
setRange(0x06ff, 0x06ff, CharClass.ArabicLetter);
setRange(0x0750, 0x077f, CharClass.ArabicLetter);
setRange(0x08a0, 0x08c9, CharClass.ArabicLetter);
setRange(0xfb50, 0xfdff, CharClass.ArabicLetter);
setRange(0xfe70, 0xfefc, CharClass.ArabicLetter);
setRange(0x0610, 0x061a, CharClass.ArabicMark);
setRange(0x064b, 0x065f, CharClass.ArabicMark);
setRange(0x0670, 0x0670, CharClass.ArabicMark);
setRange(0x06d6, 0x06dc, CharClass.ArabicMark);
setRange(0x06df, 0x06e4, CharClass.ArabicMark);
setRange(0x06e7, 0x06e8, CharClass.ArabicMark);
setRange(0x06ea, 0x06ed, CharClass.ArabicMark);
setRange(0x08ca, 0x08ff, CharClass.ArabicMark);
setRange(TATWEEL, TATWEEL, CharClass.Tatweel);
setRange(0x30, 0x39, CharClass.Digit);
setRange(0x0660, 0x0669, CharClass.Digit);
setRange(0x06f0, 0x06f9, CharClass.Digit);
setRange(0x41, 0x5a, CharClass.OtherLetter);
setRange(0x61, 0x7a, CharClass.OtherLetter);
setRange(0x200c, 0x200d, CharClass.Joiner);
setRange(0xd800, 0xdbff, CharClass.HighSurrogate);
setRange(0xdc00, 0xdfff, CharClass.LowSurrogate);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x180e, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) {
  table[c] = CharClass.Space;
}
setRange(0x2000, 0x200b, CharClass.Space); // en/em spaces … zero-width space
setRange(0x200e, 0x200f, CharClass.Space); // LRM, RLM
setRange(0x202a, 0x202e, CharClass.Space); // bidi embeddings and overrides
setRange(0x2066, 0x2069, CharClass.Space); // bidi isolates
setRange(0x061c, 0x061c, CharClass.Space); // Arabic letter mark

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const NUMBER = /\p{Nd}/u;

/** Classifies a code point that the fixed table leaves open (by Unicode general category). */
export function classifyCodePoint(cp: number): CharClass {
  const s = String.fromCodePoint(cp);
  if (LETTER.test(s)) return CharClass.OtherLetter;
  if (MARK.test(s)) return CharClass.OtherMark;
  if (NUMBER.test(s)) return CharClass.OtherLetter; // digits of other scripts: word material, not converted
  return CharClass.Punct;
}

/** The class of one UTF-16 code unit (surrogates come back as such). */
export function charClass(code: number): CharClass {
  let c = table[code];
  if (c === CharClass.Unknown) {
    c = classifyCodePoint(code);
    table[code] = c;
  }
  return c as CharClass;
}

/** Is this code unit part of a word (letter, mark, tatweel, digit, joiner)? */
export function isWordClass(c: CharClass): boolean {
  return c >= CharClass.ArabicLetter && c <= CharClass.OtherMark || c === CharClass.Joiner;
}

/**
 * One-to-one folds, each a small table from code unit to code unit. Applying a fold never changes string length.
 */
export const FOLDS = {
  /** أ إ آ ٱ ٲ ٳ → ا */
  alef: new Map<number, number>([[0x0623, 0x0627], [0x0625, 0x0627], [0x0622, 0x0627], [0x0671, 0x0627], [0x0672, 0x0627], [0x0673, 0x0627]]),
  /** ى → ي */
  alefMaqsura: new Map<number, number>([[ALEF_MAQSURA, 0x064a]]),
  /** ة → ه */
  taMarbuta: new Map<number, number>([[TA_MARBUTA, 0x0647]]),
  /** ؤ → و, ئ → ي (the hamza on its carrier is dropped, the carrier kept) */
  hamza: new Map<number, number>([[0x0624, 0x0648], [0x0626, 0x064a]]),
  /** Persian and Urdu letters → Arabic: ک → ك, ی ې ۍ ے → ي, ە → ه, ۀ → ه, ٹ→ت is not folded */
  persian: new Map<number, number>([[0x06a9, 0x0643], [0x06aa, 0x0643], [0x06cc, 0x064a], [0x06d0, 0x064a], [0x06cd, 0x064a], [0x06d2, 0x064a], [0x06d5, 0x0647], [0x06c0, 0x0647], [0x06c1, 0x0647]]),
  /** Arabic-Indic ٠–٩ and Persian ۰–۹ digits → ASCII, and the Arabic decimal/thousands separators → . and , */
  digits: new Map<number, number>([
    ...Array.from({ length: 10 }, (_, i) => [0x0660 + i, 0x30 + i] as [number, number]),
    ...Array.from({ length: 10 }, (_, i) => [0x06f0 + i, 0x30 + i] as [number, number]),
    [0x066b, 0x2e],
    [0x066c, 0x2c],
  ]),
  /** no-break and other fixed-width spaces → ordinary space */
  spaces: new Map<number, number>([
    [0xa0, 0x20], [0x202f, 0x20], [0x2007, 0x20], [0x2000, 0x20], [0x2001, 0x20], [0x2002, 0x20], [0x2003, 0x20],
    [0x2004, 0x20], [0x2005, 0x20], [0x2006, 0x20], [0x2008, 0x20], [0x2009, 0x20], [0x200a, 0x20], [0x205f, 0x20], [0x3000, 0x20],
  ]),
} as const;

export type FoldName = keyof typeof FOLDS;

/** Code units that normalisation may remove (asked for explicitly, since removal changes length). */
export const REMOVABLE = {
  diacritics: (c: number): boolean => table[c] === CharClass.ArabicMark,
  tatweel: (c: number): boolean => c === TATWEEL,
  /** zero-width characters and bidi controls: ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, embeddings, isolates, BOM */
  invisible: (c: number): boolean =>
    c === 0x200b || c === 0x200c || c === 0x200d || c === 0x200e || c === 0x200f || c === 0x061c || c === 0xfeff ||
    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069),
} as const;

export type RemovalName = keyof typeof REMOVABLE;
