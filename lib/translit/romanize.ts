/**
 * Readable romanisation of Arabic names (تدمر → Tadmer, حلب → Halab, جبهة النصرة → Jabhat al-Nasra).
 *
 * - `romanizeRules`: a hand-written ALA-LC-like rule table without diacritics: the baseline, and the fallback.
 * - `createRomanizer(model)`: a romaniser learned from name pairs by scripts/train-romanizer.ts. Each Arabic letter
 *   emits a Latin chunk (possibly empty, possibly with vowels the script does not write). The chunk is predicted from
 *   the letter's neighbours (up to two letters either side, word start and end) and the two chunks emitted before,
 *   interpolating (Witten-Bell) from the widest context down to the letter alone; a small beam search finds the best
 *   sequence. See docs/romanizer.md.
 * - `romanize`: the learned model shipped in the package (`models/romanizer.json`), or the rules when none ships.
 *
 * Conventions for both: words are romanised one by one and capitalised; the article is written `al-` (`Al-` on the
 * first word: دير الزور → Der al-Zor, الدولة الإسلامية → Al-Dola al-…), except that the learned romaniser drops it on a
 * name of one word, as its training data and English usage do (الموصل → Mosl, البغدادي → Baghdadi); a ta marbuta
 * before a word with the article is read as construct state (مدينة الرقة → …at al-…); الله is Allah; Arabic
 * punctuation becomes ASCII; Latin letters and digits pass through.
 */
import { builtin, builtinModel } from '../data';
import { packArray, unpackArray, type PackedArray } from '../packed';
import { SortedLines } from '../gazetteer/lines';
import { argTypeError, argValueError, requireString } from '../errors';
import { matchKey, normalize, type NormalizeOptions } from '../normalize';
import { toBuckwalter } from './buckwalter';

/** The learned model as stored in models/romanizer.json. */
export interface RomanizerModel {
  /** always `arabic-ner/romanizer@1` */
  format: string;
  /**
   * The normaliser's alef and hamza folds, on or off, applied before romanising. Diacritics, tatweel and invisible
   * characters are always removed; ta marbuta and alef maqsura are kept; the other default folds apply.
   */
  normalize: { alef: boolean; hamza: boolean };
  /** the Latin chunks letters emit; chunk ids index this list */
  chunks: string[];
  /**
   * Context templates, most general first: space-separated letter offsets relative to the current letter (`0` always
   * included), then `p` for the chunk emitted before or `pp` for the two before. The first is `0`: the letter alone.
   */
  templates: string[];
  /**
   * Per template, its contexts sorted and `;`-separated, each `key=id:count,id:count…`. The key is the letters at the
   * template's offsets in Buckwalter (`#` beyond the word's edges), then `/c1` or `/c2.c1` for the chunks before (`^`
   * before the word).
   */
  counts: string[];
  /** beam width of the search */
  beam: number;
}

/** A romaniser: Arabic text in, capitalised Latin out. */
export type Romanizer = (arabic: string) => string;

const FORMAT = 'arabic-ner/romanizer@1';
const ARTICLE = 'ال';
const TA_MARBUTA = 'ة';

/** Arabic letters the romanisers work on (after normalisation); everything else passes through. */
const LETTERS = '\\u0621-\\u063a\\u0641-\\u064a\\u0671\\u067e\\u0686\\u06a4\\u06a9\\u06af\\u06cc';
const ARABIC_RUN = new RegExp(`[${LETTERS}]+`, 'g');
/** A word of Arabic letters only (internal: the trainer keeps such pairs). */
export const ARABIC_WORD = new RegExp(`^[${LETTERS}]+$`);
const PUNCT: Record<string, string> = { '،': ',', '؛': ';', '؟': '?', '٪': '%' };

/**
 * Normalisation for romanising: marks, tatweel and invisible characters removed, the given letter folds applied.
 * Internal, shared with scripts/train-romanizer.ts so that training sees what romanising sees.
 */
export function romanizerNormalizer(folds: { alef: boolean; hamza: boolean }): (s: string) => string {
  const options: NormalizeOptions = { diacritics: true, tatweel: true, invisible: true, taMarbuta: false, alefMaqsura: false, ...folds };
  return (s) => normalize(s, options);
}

/** Upper-cases the first letter of a romanised word (after any apostrophes). */
function capitalise(s: string): string {
  let i = 0;
  while (s[i] === "'") i++;
  return i < s.length && s[i] >= 'a' && s[i] <= 'z' ? s.slice(0, i) + s[i].toUpperCase() + s.slice(i + 1) : s;
}

const MARKS = /[\u064b-\u065f\u0670]/g;
/** The article at the start of a run of letters (with any marks on it). */
const ARTICLE_AT_START = /^[اٱ][\u064b-\u065f]*ل[\u064b-\u065f]*/;

/**
 * Romanises text word by word and applies the conventions both romanisers share: each run of Arabic letters goes to
 * `word` and comes back capitalised; the article is split off and written `al-` (`Al-` on the first word), except on
 * a name of one word when `dropLoneArticle` (الموصل → Mosul, as English usage and the training data have it); the
 * ta marbuta of a word without the article before one with it is read as construct state, -at (مدينة الرقة); Arabic punctuation becomes ASCII; anything else passes through.
 */
function romanizeText(text: string, norm: (s: string) => string, run: RegExp, word: (letters: string) => string, dropLoneArticle: boolean): string {
  const words = norm(text).split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let w = 0; w < words.length; w++) {
    const bare = words[w].replace(MARKS, '');
    // construct state (idafa): a noun in -a without the article before one with it
    const construct = bare.endsWith(TA_MARBUTA) && !bare.startsWith(ARTICLE) && words[w + 1]?.replace(MARKS, '').startsWith(ARTICLE);
    let r = words[w].replace(run, (letters) => {
      const plain = letters.replace(MARKS, '');
      if (plain === 'الله') return 'Allah';
      const article = plain.length > 3 ? ARTICLE_AT_START.exec(letters) : null;
      if (!article) return capitalise(word(letters));
      const stem = capitalise(word(letters.slice(article[0].length)));
      return dropLoneArticle && words.length === 1 ? stem : (w > 0 ? 'al-' : 'Al-') + stem;
    });
    r = r.replace(/[،؛؟٪]/g, (c) => PUNCT[c]);
    if (construct) r = /[ae]h?$/.test(r) ? r.replace(/h?$/, 't') : r + 'at';
    out.push(r);
  }
  return out.join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Rules

/** Consonants (and hamza forms, which the rules write as an apostrophe inside a word). */
const RULE_CONSONANTS: Readonly<Record<string, string>> = {
  'ء': "'", 'ؤ': "'", 'ئ': "'", 'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh',
  'ر': 'r', 'ز': 'z', 'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': "'", 'غ': 'gh', 'ف': 'f',
  'ق': 'q', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'پ': 'p', 'چ': 'ch', 'ڤ': 'v', 'گ': 'g', 'ک': 'k',
};
/** Letters that are vowels wherever they stand. */
const RULE_VOWELS: Readonly<Record<string, string>> = { 'ا': 'a', 'ى': 'a', 'آ': 'a', 'ٱ': 'a', 'ة': 'a' };
/** Words the letters alone would spell badly. */
const RULE_WORDS: Readonly<Record<string, string>> = { 'ابن': 'ibn', 'بن': 'bin', 'بنت': 'bint' };
const HARAKAT: Readonly<Record<string, string>> = { '\u064e': 'a', '\u064f': 'u', '\u0650': 'i', '\u0670': 'a' };
const SHADDA = '\u0651';
const LONG = /[اىوية]/;
const isMark = (c: string): boolean => (c >= '\u064b' && c <= '\u065f') || c === '\u0670';
const RULE_RUN = new RegExp(`[${LETTERS}\\u064b-\\u065f\\u0670]+`, 'g');
const ruleNorm = (s: string): string => normalize(s, { tatweel: true, invisible: true, alef: false, hamza: false, alefMaqsura: false });

/** One run of letters (and marks) by the rules; harakat and shadda are honoured when present. */
function ruleWord(run: string): string {
  const special = RULE_WORDS[run.replace(MARKS, '')];
  if (special !== undefined) return special;
  let out = '';
  let first = true;
  for (let i = 0; i < run.length; i++) {
    const c = run[i];
    if (isMark(c)) continue; // read with their letter
    let j = i + 1;
    while (j < run.length && isMark(run[j])) j++;
    const marks = run.slice(i + 1, j);
    const next = run[j];
    let r: string;
    if (c === 'و' || c === 'ي') {
      const vowel = c === 'و' ? 'u' : 'i';
      if (!first && marks === '' && out.endsWith(vowel)) r = ''; // a long vowel after its short one
      else if (first || (next !== undefined && LONG.test(next) && next !== c) || out.endsWith('a')) r = c === 'و' ? 'w' : next === undefined ? 'i' : 'y';
      else r = vowel;
    } else if (c === 'أ' || c === 'إ') {
      r = !first ? "'" : c === 'أ' ? 'a' : 'i';
    } else if (c === 'ع' && first) {
      r = next !== undefined && /[اوىي]/.test(next) ? '' : 'a';
    } else if ((c === 'ا' || c === 'ى') && out.endsWith('a')) {
      r = '';
    } else {
      r = RULE_VOWELS[c] ?? RULE_CONSONANTS[c] ?? c;
    }
    if (marks.includes(SHADDA) && next !== undefined) r += r;
    for (const m of marks) r += HARAKAT[m] ?? '';
    out += r;
    first = false;
  }
  // a glottal stop or 'ayn at either end of a word is not written
  let from = 0;
  let to = out.length;
  while (from < to && out[from] === "'") from++;
  while (to > from && out[to - 1] === "'") to--;
  return out.slice(from, to);
}

/**
 * Romanises Arabic by a hand-written ALA-LC-like table without diacritics: consonants one to one (ث th, خ kh, ش sh,
 * ع ', غ gh…), ا/ى → a, و/ي → w/y at the start of a word, before a long vowel or after a, else u/i; ة → a (-at before
 * an article); ال → al-. Short vowels are written only when the text has harakat (shadda doubles). The baseline the
 * learned model is measured against, and the fallback when no model ships.
 * @example romanizeRules('دير الزور') // 'Dir al-Zur'
 * @example romanizeRules('تَدْمُر') // 'Tadmur'
 */
export function romanizeRules(arabic: string): string {
  requireString('romanizeRules', 'arabic', arabic);
  return romanizeText(arabic, ruleNorm, RULE_RUN, ruleWord, false);
}

// ---------------------------------------------------------------------------------------------------------------
// The learned model

interface Template {
  /** letter offsets, ascending */
  offsets: number[];
  /** how many previously emitted chunks the context holds (0, 1 for `p`, 2 for `pp`) */
  history: number;
  /** letter key → row (an index into `Tables.rowFirst`) */
  rows: Map<string, number>;
}

/**
 * Every context's counts in flat arrays (a few MB less than one object per context). A row (one template's letter
 * key) owns the contexts `rowFirst[r]` … `rowFirst[r + 1] - 1`, one per history number (`hist`); context d's counts,
 * sparse over the letter's candidate chunks, are `idx`/`counts` from `first[d]` to `first[d + 1] - 1`, with their total
 * and number of distinct chunks (for Witten-Bell).
 */
interface Tables {
  rowFirst: Int32Array;
  hist: Int32Array;
  first: Int32Array;
  total: Float64Array;
  /** indexes into the letter's candidate list */
  idx: Uint16Array;
  counts: Float64Array;
}

/** The context of row `row` with history number `h`, or -1. */
function contextOf(t: Tables, row: number, h: number): number {
  for (let d = t.rowFirst[row]; d < t.rowFirst[row + 1]; d++) if (t.hist[d] === h) return d;
  return -1;
}

/**
 * A beam hypothesis: probability (relative to the best), the chunk it emitted last (-1: none, or a letter the model
 * does not know), its Latin, and the hypothesis it extends.
 */
interface Hyp {
  p: number;
  chunk: number;
  latin: string;
  back: Hyp | null;
}

/**
 * The history part of a context key: `/c1` or `/c2.c1`, chunk ids (`^`: no chunk, before the word or after a letter
 * the model does not know). Internal, shared with the trainer.
 */
export function historyKey(n: number, c2: number, c1: number): string {
  const a = c1 < 0 ? '^' : c1;
  return n === 1 ? '/' + a : '/' + (c2 < 0 ? '^' : c2) + '.' + a;
}

/** The history of a context as one number, for fast lookups: 0 without history (chunk ids -1… shifted by one). */
function historyNumber(n: number, c2: number, c1: number): number {
  return n === 0 ? 0 : n === 1 ? c1 + 1 : (c2 + 1) * 65536 + c1 + 1;
}

/** The letter part of context keys: the word in Buckwalter, padded with `#` (internal, shared with the trainer). */
export function padWord(letters: string): string {
  return '##' + toBuckwalter(letters) + '##';
}

/** The letter part of the key of letter `i` (an index into the unpadded word) for a template's offsets. */
export function letterKey(padded: string, i: number, offsets: number[]): string {
  let k = '';
  for (const o of offsets) k += padded[i + 2 + o];
  return k;
}

/** A context template's letter offsets and history length (internal, shared with the trainer). */
export function parseTemplate(t: string): { offsets: number[]; history: number } {
  const parts = t.split(' ');
  return {
    offsets: parts.filter((p) => p !== 'p' && p !== 'pp').map(Number).sort((a, b) => a - b),
    history: parts.includes('pp') ? 2 : parts.includes('p') ? 1 : 0,
  };
}

function badModel(message: string): RangeError {
  return argValueError('createRomanizer', 'model', message);
}

function checkModel(model: unknown): asserts model is RomanizerModel {
  if (model === null || typeof model !== 'object' || Array.isArray(model)) throw argTypeError('createRomanizer', 'model', 'an object', model);
  const m = model as Partial<RomanizerModel>;
  if (m.format !== FORMAT) throw badModel(`is not a romanizer model (format ${JSON.stringify(m.format)}, expected '${FORMAT}')`);
  if (!Array.isArray(m.chunks) || !Array.isArray(m.templates) || !Array.isArray(m.counts) || m.counts.length !== m.templates.length) {
    throw badModel('must have chunks, templates and one counts table per template');
  }
  if (m.templates[0] !== '0') throw badModel("must have '0' (the letter alone) as its first template");
  if (typeof m.beam !== 'number' || !(m.beam >= 1)) throw badModel('must have a beam width >= 1');
  if (!m.normalize || typeof m.normalize.alef !== 'boolean' || typeof m.normalize.hamza !== 'boolean') throw badModel('must say its normalisation (alef, hamza)');
}

/** Reads a non-negative integer written from `from` to `to` in `s` (`Number` of the slice when it holds more than digits). */
function intAt(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(s.slice(from, to));
    v = v * 10 + d;
  }
  return v;
}

/** A chunk id of a history key (`^`: none, -1), written from `from` to `to`. */
function chunkAt(s: string, from: number, to: number): number {
  return to - from === 1 && s.charCodeAt(from) === 94 /* ^ */ ? -1 : intAt(s, from, to);
}

/** Calls `visit(from, eq, end)` for each `key=list` entry of a `;`-separated counts text (key from `from` to `eq`). */
function eachEntry(s: string, visit: (from: number, eq: number, end: number) => void): void {
  for (let i = 0; i < s.length; ) {
    const eq = s.indexOf('=', i);
    let end = s.indexOf(';', eq);
    if (end < 0) end = s.length;
    visit(i, eq, end);
    i = end + 1;
  }
}

/** Calls `visit(id, count)` for each pair of the `id:count,id:count…` list written from `from` to `to` in `s`. */
function eachCount(s: string, from: number, to: number, visit: (id: number, count: number) => void): void {
  for (let a = from; a < to; ) {
    let b = s.indexOf(',', a);
    if (b < 0 || b > to) b = to;
    const c = s.indexOf(':', a);
    visit(intAt(s, a, c), intAt(s, c + 1, b));
    a = b + 1;
  }
}

/**
 * The model's lookup tables: candidate chunks per letter, the templates' rows and the flat context tables (for
 * `createRomanizer`, and for `compileRomanizer` at build time: the package ships them compiled). Each counts text is
 * read in one pass over its characters, a row's letter key sliced once: split into strings, the counts took ~150 ms
 * and ~50 MB of short-lived strings.
 */
function buildTables(model: RomanizerModel): { candidates: Map<string, number[]>; templates: Template[]; tables: Tables } {
  // candidate chunks per letter: everything the letter alone was seen to emit; and each chunk's place among them
  const candidates = new Map<string, number[]>();
  const place = new Map<string, Int32Array>();
  const alone = model.counts[0];
  eachEntry(alone, (i, eq, end) => {
    const ids: number[] = [];
    const at = new Int32Array(model.chunks.length).fill(-1);
    eachCount(alone, eq + 1, end, (id) => {
      if (at[id] < 0) at[id] = ids.length;
      ids.push(id);
    });
    candidates.set(alone.slice(i, eq), ids);
    place.set(alone.slice(i, eq), at);
  });
  // every context in reading order: its row, history number and counts (pairs from ctxFirst[c] to ctxFirst[c + 1])
  const ctxRow: number[] = [];
  const ctxHist: number[] = [];
  const ctxFirst: number[] = [];
  const pairIdx: number[] = [];
  const pairCount: number[] = [];
  let rowCount = 0;
  const templates: Template[] = model.templates.map((t, k) => {
    const { offsets, history } = parseTemplate(t);
    const at = offsets.indexOf(0);
    const rows = new Map<string, number>();
    const s = model.counts[k];
    let lastFrom = 0;
    let lastTo = -1;
    let lastRow = -1;
    eachEntry(s, (i, eq, end) => {
      const pos = place.get(s[i + at]);
      if (pos === undefined) return;
      let slash = s.indexOf('/', i);
      if (slash < 0 || slash > eq) slash = eq;
      // the letter key: the same as the last context's (the keys are sorted), else sliced and looked up
      let row = lastRow;
      let same = slash - i === lastTo - lastFrom;
      for (let j = 0; same && j < slash - i; j++) same = s.charCodeAt(i + j) === s.charCodeAt(lastFrom + j);
      if (!same) {
        const key = s.slice(i, slash);
        row = rows.get(key) ?? -1;
        if (row < 0) rows.set(key, (row = rowCount++));
        (lastFrom = i), (lastTo = slash), (lastRow = row);
      }
      // the history: `/c1` or `/c2.c1`
      let c2 = -1;
      let c1 = -1;
      if (history > 0) {
        const dot = s.indexOf('.', slash);
        if (dot >= 0 && dot < eq) (c2 = chunkAt(s, slash + 1, dot)), (c1 = chunkAt(s, dot + 1, eq));
        else c1 = chunkAt(s, slash + 1, eq);
      }
      ctxRow.push(row);
      ctxHist.push(historyNumber(history, c2, c1));
      ctxFirst.push(pairIdx.length);
      eachCount(s, eq + 1, end, (id, count) => {
        const j = pos[id] ?? -1;
        if (j >= 0) (pairIdx.push(j), pairCount.push(count));
      });
    });
    return { offsets, history, rows };
  });
  ctxFirst.push(pairIdx.length);
  // contexts grouped by row, in reading order within a row (a counting sort)
  const contexts = ctxRow.length;
  const rowFirst = new Int32Array(rowCount + 1);
  for (const r of ctxRow) rowFirst[r + 1]++;
  for (let r = 0; r < rowCount; r++) rowFirst[r + 1] += rowFirst[r];
  const order = new Int32Array(contexts);
  const fill = rowFirst.slice(0, rowCount);
  for (let c = 0; c < contexts; c++) order[fill[ctxRow[c]]++] = c;
  const tables: Tables = {
    rowFirst,
    hist: new Int32Array(contexts),
    first: new Int32Array(contexts + 1),
    total: new Float64Array(contexts),
    idx: new Uint16Array(pairIdx.length),
    counts: new Float64Array(pairIdx.length),
  };
  let e = 0;
  for (let d = 0; d < contexts; d++) {
    const c = order[d];
    tables.hist[d] = ctxHist[c];
    tables.first[d] = e;
    for (let j = ctxFirst[c]; j < ctxFirst[c + 1]; j++, e++) {
      tables.idx[e] = pairIdx[j];
      tables.counts[e] = pairCount[j];
      tables.total[d] += pairCount[j];
    }
  }
  tables.first[contexts] = e;
  return { candidates, templates, tables };
}

/**
 * The romaniser's tables in the form the package ships, compiled from models/romanizer.json at build time
 * (`compileRomanizer`, run by scripts/compile-data.ts): what `buildTables` makes of the counts, as packed typed
 * arrays, so that the first romanised name only decodes base64 (~5 ms) instead of reading 560 KB of counts. Internal.
 */
export interface CompiledRomanizer extends Omit<RomanizerModel, 'format' | 'counts'> {
  format: typeof TABLES_FORMAT;
  /** each letter (Buckwalter) with its candidate chunk ids, in the model's order */
  candidates: Array<[string, number[]]>;
  /** each template's row keys in row order, one a line (rows are numbered on from one template to the next) */
  rows: string[];
  /** contexts per row, and per context its history number and number of counts */
  rowSizes: PackedArray;
  hist: PackedArray;
  sizes: PackedArray;
  /** the counts: candidate indexes and values */
  idx: PackedArray;
  counts: PackedArray;
}

const TABLES_FORMAT = 'arabic-ner/romanizer-tables@1';

/** A model's tables in the compact form the package ships (build time). Throws as `createRomanizer` does. */
export function compileRomanizer(model: RomanizerModel): CompiledRomanizer {
  checkModel(model);
  const { candidates, templates, tables: t } = buildTables(model);
  const rows = t.rowFirst.length - 1;
  const contexts = t.hist.length;
  return {
    format: TABLES_FORMAT,
    normalize: model.normalize,
    chunks: model.chunks,
    templates: model.templates,
    beam: model.beam,
    candidates: [...candidates],
    rows: templates.map((x) => [...x.rows.keys()].join('\n')),
    rowSizes: packArray(Array.from({ length: rows }, (_, r) => t.rowFirst[r + 1] - t.rowFirst[r])),
    hist: packArray(t.hist),
    sizes: packArray(Array.from({ length: contexts }, (_, d) => t.first[d + 1] - t.first[d])),
    idx: packArray(t.idx),
    counts: packArray(t.counts),
  };
}

/** The tables of a compiled romaniser: what `buildTables` gives for the model it was compiled from. */
function loadTables(c: CompiledRomanizer): { candidates: Map<string, number[]>; templates: Template[]; tables: Tables } {
  if (c.format !== TABLES_FORMAT) throw new Error(`unsupported romanizer tables format ${String(c.format)}`);
  let row = 0;
  const templates = c.templates.map((t, k) => {
    const rows = new Map<string, number>();
    if (c.rows[k]) for (const key of c.rows[k].split('\n')) rows.set(key, row++);
    return { ...parseTemplate(t), rows };
  });
  const rowSizes = unpackArray(c.rowSizes);
  const sizes = unpackArray(c.sizes);
  const tables: Tables = {
    rowFirst: new Int32Array(rowSizes.length + 1),
    hist: Int32Array.from(unpackArray(c.hist)),
    first: new Int32Array(sizes.length + 1),
    total: new Float64Array(sizes.length),
    idx: Uint16Array.from(unpackArray(c.idx)),
    counts: Float64Array.from(unpackArray(c.counts)),
  };
  for (let r = 0; r < rowSizes.length; r++) tables.rowFirst[r + 1] = tables.rowFirst[r] + rowSizes[r];
  for (let d = 0; d < sizes.length; d++) {
    const from = (tables.first[d + 1] = tables.first[d] + sizes[d]) - sizes[d];
    for (let e = from; e < tables.first[d + 1]; e++) tables.total[d] += tables.counts[e];
  }
  return { candidates: new Map(c.candidates), templates, tables };
}

/**
 * Builds a romaniser from a learned model (see `RomanizerModel`). Lookup tables are built once here, so romanising a
 * name takes microseconds. Throws a TypeError or RangeError naming what is wrong with an invalid model.
 */
export function createRomanizer(model: RomanizerModel): Romanizer {
  checkModel(model);
  const { norm, word } = romanizer(model, buildTables(model));
  return (arabic: string): string => {
    requireString('romanize', 'arabic', arabic);
    return romanizeText(arabic, norm, ARABIC_RUN, word, true);
  };
}

/** A learned romaniser's parts: its normaliser, and its romanisation of one run of letters (cached). */
interface Parts {
  norm: (s: string) => string;
  word: (letters: string) => string;
}

/** The learned romaniser over a model's tables. */
function romanizer(model: Omit<RomanizerModel, 'format' | 'counts'>, { candidates, templates, tables }: ReturnType<typeof buildTables>): Parts {
  const chunks = model.chunks;
  const beam = Math.floor(model.beam);
  const depth = Math.max(...templates.map((t) => t.history));
  const norm = romanizerNormalizer(model.normalize);
  // scratch space, reused: the probabilities shared by all hypotheses, those of one hypothesis, the table rows
  const size = Math.max(1, ...[...candidates.values()].map((c) => c.length));
  const base = new Float64Array(size);
  const p = new Float64Array(size);
  const rows = new Int32Array(templates.length);

  /** Interpolates context `d` (none when -1) into the first `n` probabilities of `q` (Witten-Bell), in place. */
  function interpolate(q: Float64Array, n: number, d: number): void {
    if (d < 0) return;
    const from = tables.first[d];
    const to = tables.first[d + 1];
    const types = to - from;
    const z = tables.total[d] + types;
    const keep = types / z;
    for (let j = 0; j < n; j++) q[j] *= keep;
    for (let j = from; j < to; j++) q[tables.idx[j]] += tables.counts[j] / z;
  }

  /** The history number of what follows `h`, for a context of `n` chunks. */
  const after = (h: Hyp, n: number): number => historyNumber(n, h.back === null ? -1 : h.back.chunk, h.chunk);

  /** Romanises one run of normalised Arabic letters (no article handling). */
  function word(letters: string): string {
    const padded = padWord(letters);
    let hyps: Hyp[] = [{ p: 1, chunk: -1, latin: '', back: null }];
    for (let i = 0; i < letters.length; i++) {
      const cand = candidates.get(padded[i + 2]);
      if (cand === undefined) {
        // a letter the model never saw: the rule table's reading
        const r = RULE_CONSONANTS[letters[i]] ?? RULE_VOWELS[letters[i]] ?? letters[i];
        hyps = hyps.map((h) => ({ p: h.p, chunk: -1, latin: r, back: h }));
        continue;
      }
      const n = cand.length;
      base.fill(1 / n, 0, n);
      for (let t = 0; t < templates.length; t++) {
        rows[t] = templates[t].rows.get(letterKey(padded, i, templates[t].offsets)) ?? -1;
        if (templates[t].history === 0 && rows[t] >= 0) interpolate(base, n, contextOf(tables, rows[t], 0));
      }
      // the best `beam` successors, one per state (the chunks later contexts can see), best first
      const next: Hyp[] = [];
      for (const h of hyps) {
        for (let j = 0; j < n; j++) p[j] = base[j];
        for (let t = 0; t < templates.length; t++) {
          if (templates[t].history > 0 && rows[t] >= 0) interpolate(p, n, contextOf(tables, rows[t], after(h, templates[t].history)));
        }
        for (let j = 0; j < n; j++) {
          const score = h.p * p[j];
          if (!(score > 0) || (next.length === beam && score <= next[beam - 1].p)) continue;
          const hyp: Hyp = { p: score, chunk: cand[j], latin: chunks[cand[j]], back: h };
          const state = after(hyp, depth);
          const same = next.findIndex((o) => after(o, depth) === state);
          if (same >= 0) {
            if (score <= next[same].p) continue;
            next.splice(same, 1);
          }
          let at = Math.min(next.length, beam - 1);
          while (at > 0 && next[at - 1].p < score) at--;
          if (next.length === beam) next.pop();
          next.splice(at, 0, hyp);
        }
      }
      // rescale so that long words do not underflow (the best hypothesis has probability 1)
      for (let k = next.length - 1; k >= 0; k--) next[k].p /= next[0].p;
      hyps = next;
    }
    let out = '';
    for (let h: Hyp | null = hyps[0]; h !== null; h = h.back) out = h.latin + out;
    return out;
  }

  // names recur in text: remember the last few thousand words
  const cache = new Map<string, string>();
  return { norm, word: (letters) => remembered(cache, letters, word) };
}

/** The cached value of `key`, computed on a miss; the cache starts over when it holds 32,768 values. */
function remembered(cache: Map<string, string>, key: string, compute: (key: string) => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 32768) cache.clear();
    cache.set(key, (value = compute(key)));
  }
  return value;
}

let shipped: Parts | null | undefined;

/** The learned romaniser the package ships (its tables decoded on first use), or null when it ships none. */
function shippedRomanizer(): Parts | null {
  if (shipped === undefined) {
    const compiled = builtinModel<CompiledRomanizer>('romanizer');
    shipped = compiled ? romanizer(compiled, loadTables(compiled)) : null;
  }
  return shipped;
}

/**
 * Romanises an Arabic name with the learned model shipped in the package, word by word and capitalised; falls back to
 * `romanizeRules` when the package ships no model. Throws a TypeError (`ERR_ARG_TYPE`) unless `arabic` is a string.
 * @example romanize('تدمر') // 'Tadmer'
 * @example romanize('دير الزور') // 'Der al-Zor'
 */
export function romanize(arabic: string): string {
  requireString('romanize', 'arabic', arabic);
  // whole names repeat in a text (every mention of an unlinked person): cache them, bounded
  return remembered(romanized, arabic, () => {
    const r = shippedRomanizer();
    return r ? romanizeText(arabic, r.norm, ARABIC_RUN, r.word, true) : romanizeRules(arabic);
  });
}

const romanized = new Map<string, string>();

/**
 * Romanises a person's name: a word of the person-name lexicon takes its usual Latin form (gazetteers/lexicon/
 * person-names.tsv: فراس → Feras, as most of Wikidata's name pairs write it), any other word the learned romaniser's,
 * with the same conventions as `romanize` (al-, Allah). Internal: the tagger's Latin form of a person no gazetteer
 * lists.
 * @example romanizePerson('أبو فراس الحلبي') // 'Abu Feras al-Halabi' (romanize: 'Abo Fras al-Halabi')
 */
export function romanizePerson(arabic: string): string {
  const r = shippedRomanizer();
  if (!r) return romanize(arabic);
  return remembered(people, arabic, () => romanizeText(arabic, r.norm, ARABIC_RUN, (letters) => nameWordLatin(matchKey(letters)) ?? r.word(letters), true));
}

const people = new Map<string, string>();
let nameLines: SortedLines | undefined;

/**
 * The usual Latin form of a person-name word (by match key), capitalised, if the lexicon has the word. Not عبد: its
 * usual form, Abdul, holds the article the next word writes (عبد الرحمن is Abd al-Rahman, not Abdul al-Rahman).
 */
function nameWordLatin(key: string): string | undefined {
  if (key === 'عبد') return undefined;
  nameLines ??= new SortedLines(builtin.lexicon.personLatin);
  const i = nameLines.find(key);
  if (i < 0) return undefined;
  const l = nameLines.value(i);
  return l.charAt(0).toUpperCase() + l.slice(1);
}
