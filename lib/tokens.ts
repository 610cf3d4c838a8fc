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
 * The word forms already read with one stem lexicon: match key and clitic analyses (offsets relative to the word)
 * by the word's text. Text repeats its words, so most tokens are read once a form; a bounded cache.
 */
export class WordForms {
  /**
   * Two generations of open-addressing tables (`formHash` of the form's text, linear probing, at most half full): forms
   * are added to `current`; a form found only in `previous` moves up; when `current` holds GENERATION forms it becomes
   * `previous` and the oldest forms go. So the forms a text keeps using stay, and memory stays bounded.
   */
  private current: Array<WordForm | undefined> = new Array(1024);
  private size = 0;
  private previous: Array<WordForm | undefined> = [];
  /** `generation`: forms a generation holds (the tests make it small) */
  constructor(
    readonly lexicon: StemLexicon,
    private readonly generation = GENERATION,
  ) {}

  /**
   * The form of the token `text.slice(start, end)` of this kind. A form already read is found without slicing the
   * text, and its `word` string serves as the token's text.
   */
  at(text: string, start: number, end: number, kind: TokenKind, h = formHash(text, start, end)): WordForm {
    const len = end - start;
    let f = find(this.current, h, text, start, len);
    if (f !== undefined) return f;
    f = find(this.previous, h, text, start, len);
    if (f === undefined) {
      const word = flat(text.slice(start, end));
      const norm = matchKey(word);
      const analyses = kind === 'punctuation' ? NONE : analyseWord(word, 0, len, norm, this.lexicon);
      f = { word, hash: h, norm, analyses, gazetteer: undefined, gazetteerRevision: 0, matchPlan: undefined, opensTrigger: undefined, ruleTriggers: undefined, modelTriggers: undefined, profileFor: undefined, profile: undefined };
    }
    this.add(f);
    return f;
  }

  private add(f: WordForm): void {
    if (this.size >= this.generation) {
      this.previous = this.current;
      this.current = new Array(1024);
      this.size = 0;
    } else if ((this.size + 1) * 2 > this.current.length) {
      const old = this.current;
      this.current = new Array(old.length * 2);
      for (const g of old) if (g !== undefined) insert(this.current, g);
    }
    insert(this.current, f);
    this.size++;
  }
}

/** The form with this hash and text in a table, if any. */
function find(table: Array<WordForm | undefined>, h: number, text: string, start: number, len: number): WordForm | undefined {
  const mask = table.length - 1;
  if (mask < 0) return undefined;
  let i = h & mask;
  for (let f = table[i]; f !== undefined; f = table[(i = (i + 1) & mask)]) {
    if (f.hash === h && f.word.length === len && sameText(f.word, text, start)) return f;
  }
  return undefined;
}

function insert(table: Array<WordForm | undefined>, f: WordForm): void {
  const mask = table.length - 1;
  let i = f.hash & mask;
  while (table[i] !== undefined) i = (i + 1) & mask;
  table[i] = f;
}

function sameText(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/**
 * A copy of a slice that does not keep its source alive (V8 may represent a long slice as a view of the whole text;
 * a form outlives the text it was first read in).
 */
function flat(s: string): string {
  return s.length < 13 ? s : Array.from(s).join('');
}

/**
 * A word form: what every token of the same text shares. Besides the match key and analyses, later stages keep here
 * what they work out from the form alone, with what it depends on (internal; see `formOf`).
 */
export interface WordForm {
  /** the form's text (every token of the form has it as its `text`) */
  word: string;
  /** `formHash` of `word` (see `WordForms.at`) */
  hash: number;
  norm: string;
  /** analyses with offsets from the word's start (shared by every token of the form: never handed out) */
  analyses: readonly CliticAnalysis[];
  /** the gazetteer (and its revision) `matchPlan` was worked out for */
  gazetteer: object | undefined;
  gazetteerRevision: number;
  /** what the gazetteer matcher tries at the word (lib/tagger/match.ts) */
  matchPlan: unknown;
  /** does some reading open a title, descriptor or force noun of the built-in lexicons (lib/tagger/lexicons.ts)? */
  opensTrigger: boolean | undefined;
  /** the trigger readings of the word by lexicon, as the rules try them (lib/tagger/rules.ts) */
  ruleTriggers: unknown;
  /** the triggers the word may open, as the model's trigger feature tries them (lib/model/features.ts) */
  modelTriggers: unknown;
  /** the word-label source `profile` was made with, and the model's feature profile (lib/model/features.ts) */
  profileFor: object | undefined;
  profile: unknown;
}

/** forms in a generation of `WordForms` (≈ 1.2 KB each with the tagger's per-form facts; two generations at most: ≤ 100 MB on the most varied text; 25 K made a 29 K-word corpus read again half its words on every pass) */
const GENERATION = 40_000;
const NONE: readonly CliticAnalysis[] = Object.freeze([]);
const DEFAULT_FORMS = new WeakMap<StemLexicon, WordForms>();

/**
 * A token of `scan`. Its clitic analyses are its word form's, shifted to the token's offsets on first read: the
 * tagger reads the form's own (`readings`) and never pays for them.
 */
class ScannedToken implements Token {
  #form: WordForm | undefined;
  #analyses: CliticAnalysis[] | undefined;

  constructor(
    public text: string,
    public start: number,
    public end: number,
    public norm: string,
    public kind: TokenKind,
    form: WordForm | undefined,
  ) {
    this.#form = form;
  }

  get analyses(): CliticAnalysis[] {
    return (this.#analyses ??= this.#form ? this.#form.analyses.map((a) => shift(a, this.start)) : []);
  }

  set analyses(value: CliticAnalysis[]) {
    this.#analyses = value;
  }

  toJSON(): Token {
    return { text: this.text, start: this.start, end: this.end, norm: this.norm, kind: this.kind, analyses: this.analyses };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): Token {
    return this.toJSON();
  }

  static readings(t: Token): readonly CliticAnalysis[] {
    return #form in t ? ((t as ScannedToken).#form?.analyses ?? NONE) : t.analyses.map((a) => shift(a, -t.start));
  }

  static formOf(t: Token): WordForm | undefined {
    return #form in t ? (t as ScannedToken).#form : undefined;
  }
}

function shift(a: CliticAnalysis, by: number): CliticAnalysis {
  const span = (s: Span): Span => ({ text: s.text, start: s.start + by, end: s.end + by });
  return { proclitics: a.proclitics.map(span), article: a.article && span(a.article), stem: span(a.stem), norm: a.norm, stemNorm: a.stemNorm, score: a.score };
}

/**
 * The clitic analyses of a token with offsets from the token's start (`token.start + a.stem.start` is the stem's
 * offset in the text). Internal: the tagger's stages read these instead of `token.analyses`, which are built for
 * the caller on first read. Read-only.
 */
export const readings: (t: Token) => readonly CliticAnalysis[] = ScannedToken.readings;

/** The word form of a scanned token (internal: stages keep per-form facts on it), if it has one. */
export const formOf: (t: Token) => WordForm | undefined = ScannedToken.formOf;

/** The best analysis of a token (offsets from its start), if it has any. */
export function reading(t: Token): CliticAnalysis | undefined {
  return readings(t)[0];
}

/**
 * The tokenizer proper, without argument checks or default data (internal: `tokenize` and the tagger call it).
 * With `analyse` false, tokens carry no clitic analyses (the gazetteer's name keys need only `norm`). `forms` caches
 * the word forms (default: one cache per lexicon).
 */
export function scan(text: string, lexicon: StemLexicon, analyse = true, forms?: WordForms): Token[] {
  if (analyse && !forms) {
    forms = DEFAULT_FORMS.get(lexicon);
    if (!forms) DEFAULT_FORMS.set(lexicon, (forms = new WordForms(lexicon)));
  }
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    // the table's class, or for a surrogate `classAt`'s (written out here and in the word loop: a shared function for
    // both cost 12% of tokenize())
    let cls = charClass(code);
    let width = 1;
    if (cls === CharClass.HighSurrogate || cls === CharClass.LowSurrogate) {
      cls = classAt(text, i);
      width = lastWidth;
    }
    if (cls === CharClass.Space) {
      i++;
      continue;
    }
    if (cls === CharClass.Punct) {
      let j = i + width;
      if (width === 1) while (j < n && text.charCodeAt(j) === code) j++;
      tokens.push(makeToken(text, i, j, 'punctuation', forms));
      i = j;
      continue;
    }
    if (cls === CharClass.Joiner) {
      // a joiner outside a word is an invisible separator
      i++;
      continue;
    }
    // a word: scan to its end, hashing its code units for the word-form cache
    let j = i;
    let h = 0;
    let arabic = false, other = false, digits = false;
    // is the last character read, past Arabic marks and tatweel, a ta marbuta or alef maqsura?
    let afterFinal = false;
    while (j < n) {
      const c = text.charCodeAt(j);
      let k = charClass(c);
      let w = 1;
      if (k === CharClass.HighSurrogate || k === CharClass.LowSurrogate) {
        k = classAt(text, j);
        w = lastWidth;
      }
      if (k === CharClass.ArabicLetter) {
        // ة and ى end a word: a letter after one (past any marks) starts the next token
        if (afterFinal) break;
        arabic = true;
      } else if (k === CharClass.OtherLetter) other = true;
      else if (k === CharClass.Digit) digits = true;
      else if (k === CharClass.ArabicMark || k === CharClass.Tatweel || k === CharClass.OtherMark) { /* stays in the word */ }
      else if (k === CharClass.Joiner) {
        // inside a word only when a word character follows
        const next = j + 1 < n ? charClass(text.charCodeAt(j + 1)) : CharClass.Space;
        if (!(next >= CharClass.ArabicLetter && next <= CharClass.OtherMark)) break;
      } else if (digits && !arabic && !other && NUMBER_INNER.has(c) && j + 1 < n && charClass(text.charCodeAt(j + 1)) === CharClass.Digit) {
        // decimal or thousands separator inside a number
      } else break;
      if (k !== CharClass.ArabicMark && k !== CharClass.Tatweel) afterFinal = c === TA_MARBUTA || c === ALEF_MAQSURA;
      h = (h << 5) - h + c | 0;
      if (w === 2) h = (h << 5) - h + text.charCodeAt(j + 1) | 0;
      j += w;
    }
    const kind: TokenKind = arabic ? (other || digits ? 'mixed' : 'word') : other ? (digits ? 'mixed' : 'latin') : 'number';
    tokens.push(makeToken(text, i, j, kind, analyse ? forms : undefined, mixHash(h)));
    i = j;
  }
  return tokens;
}

/**
 * The word-form cache's hash of `text.slice(start, end)`: h·31 + c over the code units (a shift and an add a
 * character; `scan` works it out as it reads a word), mixed once at the end so that every bit of it, and so the
 * table's slot, depends on every character.
 */
function formHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (h << 5) - h + text.charCodeAt(i) | 0;
  return mixHash(h);
}

function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
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

/** `hash`: the token's `formHash`, when the caller worked it out */
function makeToken(text: string, start: number, end: number, kind: TokenKind, forms: WordForms | undefined, hash?: number): Token {
  if (!forms) {
    const t = text.slice(start, end);
    return new ScannedToken(t, start, end, matchKey(t), kind, undefined);
  }
  const f = forms.at(text, start, end, kind, hash);
  return new ScannedToken(f.word, start, end, f.norm, kind, f);
}
