/**
 * Features of the sequence model, hashed: each feature is a template id and a string, hashed (FNV-1a) into a fixed
 * number of buckets without building the feature string. The same code extracts features at training and tagging
 * time, over the tokenizer's tokens, so the model sees exactly what it will see in use.
 *
 * Templates: the word and its stem after proclitics, the proclitic pattern, stem prefixes and suffixes (1–4 letters),
 * word shape, neighbouring words and stems (window ±2), gazetteer membership of the token and its neighbours (label,
 * B/I), trigger words before (title, rank, role, place or organisation descriptor, force noun), person-name lexicon
 * membership (token and neighbours), the common-word flag, a nisba-adjective shape, an opening quote before, and the
 * tags (label, B/I, gazetteer or rule) of the token and its neighbours in what the gazetteer and rules alone resolve to.
 */
import { type Token, formOf, reading, readings } from '../tokens';
import { opensTrigger, triggerFollows, type RuleLexicons } from '../tagger/lexicons';
import type { Candidate } from '../tagger/types';
import { LABELS, type Label } from '../labels';
import { Arena } from './arena';

/** Per-token context the features read besides the tokens. */
export interface FeatureContext {
  tokens: readonly Token[];
  lex: RuleLexicons;
  /** the gazetteer tag of each token, as an index into GAZ_TAGS ('' when none, 'B-LOC', …) */
  gaz: Uint8Array;
  /** the trigger kind that ends right before each token, as an index into TRIGGER_KINDS ('', 'title', 'place', …) */
  trig: Uint8Array;
  /** the tag each token has in what the gazetteer and rules alone resolve to, as an index into SYSTEM_TAGS */
  sys: Uint8Array;
  /** the labels (a bit mask: PER 1, LOC 2, ORG 4, UNIT 8) of the multi-word gazetteer names that hold a word key */
  wordLabels: (key: string) => number;
}

export const enum T {
  Bias, Word, Stem, Procl, Pre2, Pre3, Suf2, Suf3, Shape, WordM1, WordP1, StemM1, StemP1, WordM2, WordP2,
  Gaz, GazM1, GazP1, TrigM1, TrigM2, Name, NameM1, NameP1, Common, BigramM1, BigramP1, Nisba, Quote,
  StemM2, StemP2, WordSuf3, ArticleM1P1, NameM2P2, GazWord, WordLabels,
  Pre1, Pre4, Suf1, Suf4, Sys, SysM1, SysP1, Count,
}

const SEEDS = Array.from({ length: T.Count }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

/** FNV-1a of a string, seeded by the template. */
export function hashFeature(template: number, s: string): number {
  return fnv((0x811c9dc5 ^ SEEDS[template]) >>> 0, s) >>> 0;
}

/** `hashFeature(template, s.slice(from, to))`, without the slice. */
function hashRange(template: number, s: string, from: number, to: number): number {
  let h = (0x811c9dc5 ^ SEEDS[template]) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** FNV-1a continued over `s` from state `h` (so a feature over `a + ' ' + b` can start from a's state). */
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h;
}

function stemOf(t: Token | undefined): string {
  if (!t) return '<s>';
  const a = reading(t);
  return a ? a.stemNorm : t.norm;
}

function wordOf(t: Token | undefined): string {
  return t ? t.norm : '<s>';
}

function shape(t: Token): string {
  if (t.kind !== 'word') return t.kind;
  const n = t.norm.length;
  return n <= 2 ? 'w2' : n <= 4 ? 'w4' : n <= 7 ? 'w7' : 'w8';
}

function procl(t: Token): string {
  const a = reading(t);
  if (!a) return '';
  let s = '';
  for (const p of a.proclitics) s += p.text[0];
  return s + (a.article ? '+ال' : '');
}

/**
 * The features of one word form that depend on it alone, hashed once and kept on the form. Slot s of `hashes`
 * (`slotHashes`) holds the hashes the word gives from the position `SLOTS[s]` relative to the token being tagged: its
 * own features (slot 0), as the previous or next word (±1) and as the word two before or after (±2). The tagger sums
 * each slot's weights once per word form (lib/model/model.ts), so a token costs only the context features of
 * `contextFeatures`.
 */
export interface Profile {
  stem: string;
  /**
   * the hashes of the slots −1 (3), +1 (3), −2 (2), +2 (2), then the word's own (without the bias): `hashes[from…to)`
   * (a chunk of an `Arena`, shared with other profiles)
   */
  hashes: Int32Array;
  from: number;
  to: number;
  /** person-name lexicon class, as an index into NAME_CLASSES */
  name: number;
  /** article or token kind, as an index into ARTS */
  art: number;
  /** GazWord hashes of this word by gazetteer tag, filled on use */
  gazWord: number[] | undefined;
  /** BigramM1 state after this token's norm and a space (this token as the previous word) */
  bigramM1: number;
  /** BigramP1 state after this token's stem and a space (this token as the current word) */
  bigramP1: number;
  norm: string;
  /**
   * the summed weights per slot and tag, packed two tags a word (SLOTS.length rows; slot 0 with the bias) from
   * `sums[sumsAt]`, for the weights in `sumsOf` (lib/model/model.ts; an `Arena` chunk too)
   */
  sums?: Int32Array;
  sumsAt: number;
  sumsOf?: object;
}

/** Relative positions of the slots of a profile's hashes (see `slotHashes`). */
export const SLOTS = [0, -1, 1, -2, 2] as const;
/** where each slot starts and ends in `Profile.hashes` (slot 0, the word's own, runs to the end) */
const SLOT_START = [10, 0, 3, 6, 8];
const SLOT_END = [-1, 3, 6, 8, 10];

/** The hashes of slot s of a profile. */
export function slotHashes(p: Profile, s: number): Int32Array {
  return p.hashes.subarray(p.from + SLOT_START[s], s === 0 ? p.to : p.from + SLOT_END[s]);
}

/** where profiles' hashes are kept (64 KB chunks) */
const HASHES = new Arena((n) => new Int32Array(n), 16384);

const BOUNDARY = '<s>';

/** The bias feature's hash. */
export const BIAS_FEATURE = hashFeature(T.Bias, '');
/** The gazetteer tags of `FeatureContext.gaz` (the boundary last: what stands beyond the text). */
export const GAZ_TAGS = ['', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-UNIT', 'I-UNIT', BOUNDARY] as const;
const GAZ_EDGE = GAZ_TAGS.length - 1;
/** The tags of `FeatureContext.sys`: '', B-/I- of each label from the gazetteer (g) or a rule (r), the boundary. */
export const SYSTEM_TAGS: readonly string[] = ['', ...['g', 'r'].flatMap((s) => LABELS.flatMap((l) => [`B-${l}/${s}`, `I-${l}/${s}`])), BOUNDARY];
const SYS_EDGE = SYSTEM_TAGS.length - 1;
/** the B- tag of each label in GAZ_TAGS, and in SYSTEM_TAGS from the gazetteer and from a rule */
const GAZ_B = labelIndex((l) => GAZ_TAGS.indexOf(`B-${l}` as (typeof GAZ_TAGS)[number]));
const SYS_B_GAZETTEER = labelIndex((l) => SYSTEM_TAGS.indexOf(`B-${l}/g`));
const SYS_B_RULE = labelIndex((l) => SYSTEM_TAGS.indexOf(`B-${l}/r`));

function labelIndex(of: (label: Label) => number): Record<Label, number> {
  return Object.fromEntries(LABELS.map((l) => [l, of(l)])) as Record<Label, number>;
}
/** The trigger kinds of `FeatureContext.trig`: '' and the boundary, then each kind as first met (see `triggerCode`). */
export const TRIGGER_KINDS: string[] = ['', BOUNDARY];
const TRIG_EDGE = 1;
const TRIGGER_BITS = 5;
const MAX_TRIGGER_KINDS = 1 << TRIGGER_BITS;
/** person-name classes of a word: not a name word, a name word, a name word that is also common, the boundary */
const NAME_CLASSES = ['', 'n', 'nc', BOUNDARY] as const;
/** a word's article or kind: with the article, else the first letter of its kind; the boundary */
const ARTS = ['a', 'w', 'n', 'p', 'l', 'm', BOUNDARY] as const;

function triggerCode(kind: string): number {
  let c = TRIGGER_KINDS.indexOf(kind);
  if (c < 0) {
    if (TRIGGER_KINDS.length === MAX_TRIGGER_KINDS) throw new Error(`more than ${MAX_TRIGGER_KINDS} trigger kinds`);
    c = TRIGGER_KINDS.push(kind) - 1;
  }
  return c;
}

/** hashes of the small-vocabulary features by code, one array a template, filled on first use */
const SMALL: number[][] = Array.from({ length: T.Count }, () => []);
function small(template: T, code: number): number {
  const h = SMALL[template][code];
  return h !== undefined ? h : (SMALL[template][code] = hashFeature(template, smallValue(template, code)));
}

/** The string value of a small-vocabulary feature's code (see `contextFeatures` for the codes). */
function smallValue(template: T, code: number): string {
  switch (template) {
    case T.Gaz:
    case T.GazM1:
    case T.GazP1:
      return GAZ_TAGS[code];
    case T.TrigM1:
    case T.TrigM2:
      return TRIGGER_KINDS[code];
    case T.Quote:
      return code ? 'q' : '';
    case T.Sys:
    case T.SysM1:
    case T.SysP1:
      return SYSTEM_TAGS[code];
    case T.ArticleM1P1:
      return ARTS[code >> 6] + ARTS[(code >> 3) & 7] + ARTS[code & 7];
    case T.NameM2P2:
      return NAME_CLASSES[code >> 2] + '|' + NAME_CLASSES[code & 3];
    default:
      throw new Error(`not a small-vocabulary template: ${template}`);
  }
}

/**
 * The profile of a token's word form, kept on the form (lib/tokens.ts) for the `wordLabels` function it was made
 * with: the tagger makes a new one, and new word forms, when its gazetteer changes.
 */
function profileOf(t: Token, lex: RuleLexicons, wordLabels: (key: string) => number): Profile {
  const form = formOf(t);
  if (form && form.profileFor === wordLabels) return form.profile as Profile;
  const p = makeProfile(t, lex, wordLabels);
  if (form) {
    form.profileFor = wordLabels;
    form.profile = p;
  }
  return p;
}

function makeProfile(t: Token, lex: RuleLexicons, wordLabels: (key: string) => number): Profile {
  const stem = stemOf(t);
  const w = t.norm;
  const n = stem.length;
  const first = reading(t);
  const name = lex.personNames.has(stem) ? (lex.commonNames.has(stem) ? 'nc' : 'n') : '';
  const art = (first?.article ? 'a' : t.kind[0]) as (typeof ARTS)[number];
  // the slots −1, +1, −2, +2 (10 hashes), then the word's own; written in place, no intermediate arrays or slices
  const own = 8 + (n >= 3 ? 4 : 0) + (w.length >= 4 ? 1 : 0) + (n >= 2 ? 2 : 0) + (n >= 5 ? 2 : 0);
  const from = HASHES.reserve(10 + own);
  const h = HASHES.chunk;
  let k = from;
  h[k++] = hashFeature(T.WordM1, w);
  h[k++] = hashFeature(T.StemM1, stem);
  h[k++] = hashFeature(T.NameM1, name);
  h[k++] = hashFeature(T.WordP1, w);
  h[k++] = hashFeature(T.StemP1, stem);
  h[k++] = hashFeature(T.NameP1, name);
  h[k++] = hashFeature(T.WordM2, w);
  h[k++] = hashFeature(T.StemM2, stem);
  h[k++] = hashFeature(T.WordP2, w);
  h[k++] = hashFeature(T.StemP2, stem);
  h[k++] = hashFeature(T.Word, w);
  h[k++] = hashFeature(T.Stem, stem);
  h[k++] = hashFeature(T.Procl, procl(t));
  if (n >= 3) {
    h[k++] = hashRange(T.Pre2, stem, 0, 2);
    h[k++] = hashRange(T.Pre3, stem, 0, 3);
    h[k++] = hashRange(T.Suf2, stem, n - 2, n);
    h[k++] = hashRange(T.Suf3, stem, n - 3, n);
  }
  h[k++] = hashFeature(T.Shape, shape(t));
  h[k++] = hashFeature(T.Name, name);
  h[k++] = hashFeature(T.Common, lex.commonWords.has(w) ? 'c' : lex.commonWords.has(stem) ? 's' : '');
  h[k++] = hashFeature(T.Nisba, first?.article && /(ي|يه|يين|يون)$/.test(stem) ? (lex.nationalities.has(w) ? 'nat' : 'nisba') : '');
  if (w.length >= 4) h[k++] = hashRange(T.WordSuf3, w, w.length - 3, w.length);
  h[k++] = hashFeature(T.WordLabels, String(wordLabels(first?.norm ?? w)));
  if (n >= 2) {
    h[k++] = hashRange(T.Pre1, stem, 0, 1);
    h[k++] = hashRange(T.Suf1, stem, n - 1, n);
  }
  if (n >= 5) {
    h[k++] = hashRange(T.Pre4, stem, 0, 4);
    h[k++] = hashRange(T.Suf4, stem, n - 4, n);
  }
  return {
    stem,
    hashes: h,
    from,
    to: k,
    name: NAME_CLASSES.indexOf(name as (typeof NAME_CLASSES)[number]),
    art: ARTS.indexOf(art),
    gazWord: undefined,
    // the bigram states after the word and a space (0x20)
    bigramM1: Math.imul(fnv((0x811c9dc5 ^ SEEDS[T.BigramM1]) >>> 0, w) ^ 0x20, 16777619),
    bigramP1: Math.imul(fnv((0x811c9dc5 ^ SEEDS[T.BigramP1]) >>> 0, stem) ^ 0x20, 16777619),
    norm: w,
    sumsAt: 0,
  };
}

/** What stands beyond either end of the text, seen as a neighbour: the boundary word in every slot. */
export const EDGE: Profile = {
  stem: BOUNDARY,
  hashes: Int32Array.of(
    ...[hashFeature(T.WordM1, BOUNDARY), hashFeature(T.StemM1, BOUNDARY), hashFeature(T.NameM1, BOUNDARY)],
    ...[hashFeature(T.WordP1, BOUNDARY), hashFeature(T.StemP1, BOUNDARY), hashFeature(T.NameP1, BOUNDARY)],
    ...[hashFeature(T.WordM2, BOUNDARY), hashFeature(T.StemM2, BOUNDARY)],
    ...[hashFeature(T.WordP2, BOUNDARY), hashFeature(T.StemP2, BOUNDARY)],
  ),
  from: 0,
  to: 10,
  name: NAME_CLASSES.indexOf(BOUNDARY),
  art: ARTS.indexOf(BOUNDARY),
  gazWord: undefined,
  bigramM1: fnv((0x811c9dc5 ^ SEEDS[T.BigramM1]) >>> 0, BOUNDARY + ' '),
  bigramP1: 0,
  norm: BOUNDARY,
  sumsAt: 0,
};

/** The profile of the word at i + offset, or EDGE beyond the text. */
export function neighbour(prof: readonly Profile[], i: number, offset: number): Profile {
  const j = i + offset;
  return j >= 0 && j < prof.length ? prof[j] : EDGE;
}

/**
 * The feature buckets of every token: the same hashes as `tokenFeatures`, computed from cached per-word profiles
 * (the training script's input; `tokenFeatures` is the readable definition the tests compare it with).
 */
export function allFeatures(ctx: FeatureContext): Int32Array[] {
  const prof = profiles(ctx.tokens, ctx.lex, ctx.wordLabels);
  const buf = new Int32Array(CONTEXT_FEATURES);
  return prof.map((p, i) => {
    const m = contextFeatures(ctx, prof, i, buf);
    const parts = SLOTS.map((offset, s) => slotHashes(neighbour(prof, i, offset), s));
    const f = new Int32Array(1 + parts.reduce((n, x) => n + x.length, 0) + m);
    f[0] = BIAS_FEATURE;
    let k = 1;
    for (const x of parts) {
      f.set(x, k);
      k += x.length;
    }
    f.set(buf.subarray(0, m), k);
    return f;
  });
}

/** The per-word profiles of a text's tokens (internal: the tagger sums each slot once a word form; see model.ts). */
export function profiles(tokens: readonly Token[], lex: RuleLexicons, wordLabels: (key: string) => number): Profile[] {
  const n = tokens.length;
  const prof = new Array<Profile>(n);
  for (let i = 0; i < n; i++) prof[i] = profileOf(tokens[i], lex, wordLabels);
  return prof;
}

/** The most context features a token has. */
export const CONTEXT_FEATURES = 14;

/**
 * The small-vocabulary context features come in four groups, each named by one code a token (`groupCodes`): the
 * gazetteer tags of the token and its neighbours; the triggers before it and an opening quote; the article-or-kind
 * pattern of the token and its neighbours with the name classes two words away; the gazetteer-and-rules tags of the
 * token and its neighbours. A group's features follow from its code alone (`groupFeatures`), so the tagger sums a
 * code's weights once (lib/model/model.ts).
 */
export const GROUPS = 4;
/** the number of codes of each group */
export const GROUP_CODES = [GAZ_TAGS.length ** 3, MAX_TRIGGER_KINDS * MAX_TRIGGER_KINDS * 2, 512 * 16, SYSTEM_TAGS.length ** 3] as const;

/** scratch space for `contextFeatures` (read before the next call) */
const GROUP_SCRATCH = new Int32Array(GROUPS);

/** Writes the four group codes of token i into `out`. */
export function groupCodes(ctx: FeatureContext, prof: readonly Profile[], i: number, out: Int32Array): void {
  const { gaz, trig, sys, tokens } = ctx;
  const n = prof.length;
  const p = prof[i];
  const a = i > 0 ? prof[i - 1] : EDGE;
  const b = i + 1 < n ? prof[i + 1] : EDGE;
  const a2 = i > 1 ? prof[i - 2] : EDGE;
  const b2 = i + 2 < n ? prof[i + 2] : EDGE;
  const gm = i > 0 ? gaz[i - 1] : GAZ_EDGE;
  const gp = i + 1 < n ? gaz[i + 1] : GAZ_EDGE;
  const tm = i > 0 ? trig[i - 1] : TRIG_EDGE;
  const prevText = i > 0 ? tokens[i - 1].text : '';
  const quote = prevText === '“' || prevText === '«' || prevText === '"' ? 1 : 0;
  out[0] = (gaz[i] * GAZ_TAGS.length + gm) * GAZ_TAGS.length + gp;
  out[1] = (trig[i] * MAX_TRIGGER_KINDS + tm) * 2 + quote;
  out[2] = (((a.art << 6) | (p.art << 3) | b.art) << 4) | (a2.name << 2) | b2.name;
  const S = SYSTEM_TAGS.length;
  out[3] = (sys[i] * S + (i > 0 ? sys[i - 1] : SYS_EDGE)) * S + (i + 1 < n ? sys[i + 1] : SYS_EDGE);
}

/** Writes the features of group `group` with code `code` into `out` at `k`; returns the new `k`. */
export function groupFeatures(group: number, code: number, out: Int32Array, k: number): number {
  if (group === 0) {
    const G = GAZ_TAGS.length;
    out[k++] = small(T.Gaz, Math.floor(code / (G * G)));
    out[k++] = small(T.GazM1, Math.floor(code / G) % G);
    out[k++] = small(T.GazP1, code % G);
  } else if (group === 1) {
    out[k++] = small(T.TrigM1, code >> 1 >> TRIGGER_BITS);
    out[k++] = small(T.TrigM2, (code >> 1) & (MAX_TRIGGER_KINDS - 1));
    out[k++] = small(T.Quote, code & 1);
  } else if (group === 2) {
    out[k++] = small(T.ArticleM1P1, code >> 4);
    out[k++] = small(T.NameM2P2, code & 15);
  } else {
    const S = SYSTEM_TAGS.length;
    out[k++] = small(T.Sys, Math.floor(code / (S * S)));
    out[k++] = small(T.SysM1, Math.floor(code / S) % S);
    out[k++] = small(T.SysP1, code % S);
  }
  return k;
}

/** Writes the features of token i that read word pairs or a gazetteer tag with the stem into `out`; returns how many. */
export function pairFeatures(ctx: FeatureContext, prof: readonly Profile[], i: number, out: Int32Array): number {
  const n = prof.length;
  const p = prof[i];
  const a = i > 0 ? prof[i - 1] : EDGE;
  const b = i + 1 < n ? prof[i + 1] : EDGE;
  const g = ctx.gaz[i];
  let k = 0;
  out[k++] = fnv(a.bigramM1, p.norm) >>> 0;
  out[k++] = fnv(p.bigramP1, b.stem) >>> 0;
  if (g) out[k++] = (p.gazWord ??= [])[g] ?? (p.gazWord[g] = hashFeature(T.GazWord, GAZ_TAGS[g] + p.stem));
  return k;
}

/**
 * Writes the features of token i that depend on more than one word or on the gazetteer and trigger context into
 * `out`; returns how many (the four groups, then the pair features).
 */
export function contextFeatures(ctx: FeatureContext, prof: readonly Profile[], i: number, out: Int32Array): number {
  const codes = GROUP_SCRATCH;
  groupCodes(ctx, prof, i, codes);
  let k = 0;
  for (let g = 0; g < GROUPS; g++) k = groupFeatures(g, codes[g], out, k);
  return k + pairFeatures(ctx, prof, i, out.subarray(k));
}

/** Calls `emit(hash)` for every feature of token i (the readable definition; see `allFeatures`). */
export function tokenFeatures(ctx: FeatureContext, i: number, emit: (h: number) => void): void {
  const { tokens, lex } = ctx;
  const t = tokens[i];
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const w = t.norm;
  const stem = stemOf(t);
  emit(hashFeature(T.Bias, ''));
  emit(hashFeature(T.Word, w));
  emit(hashFeature(T.Stem, stem));
  emit(hashFeature(T.Procl, procl(t)));
  if (stem.length >= 3) {
    emit(hashFeature(T.Pre2, stem.slice(0, 2)));
    emit(hashFeature(T.Pre3, stem.slice(0, 3)));
    emit(hashFeature(T.Suf2, stem.slice(-2)));
    emit(hashFeature(T.Suf3, stem.slice(-3)));
  }
  emit(hashFeature(T.Shape, shape(t)));
  emit(hashFeature(T.WordM1, wordOf(prev)));
  emit(hashFeature(T.WordP1, wordOf(next)));
  emit(hashFeature(T.StemM1, stemOf(prev)));
  emit(hashFeature(T.StemP1, stemOf(next)));
  emit(hashFeature(T.WordM2, wordOf(tokens[i - 2])));
  emit(hashFeature(T.WordP2, wordOf(tokens[i + 2])));
  emit(hashFeature(T.Gaz, GAZ_TAGS[ctx.gaz[i]]));
  emit(hashFeature(T.GazM1, i > 0 ? GAZ_TAGS[ctx.gaz[i - 1]] : '<s>'));
  emit(hashFeature(T.GazP1, i + 1 < tokens.length ? GAZ_TAGS[ctx.gaz[i + 1]] : '<s>'));
  emit(hashFeature(T.TrigM1, TRIGGER_KINDS[ctx.trig[i]]));
  emit(hashFeature(T.TrigM2, i > 0 ? TRIGGER_KINDS[ctx.trig[i - 1]] : '<s>'));
  const name = (x: Token | undefined) => (!x ? '<s>' : lex.personNames.has(stemOf(x)) ? (lex.commonNames.has(stemOf(x)) ? 'nc' : 'n') : '');
  emit(hashFeature(T.Name, name(t)));
  emit(hashFeature(T.NameM1, name(prev)));
  emit(hashFeature(T.NameP1, name(next)));
  emit(hashFeature(T.Common, lex.commonWords.has(w) ? 'c' : lex.commonWords.has(stem) ? 's' : ''));
  emit(hashFeature(T.BigramM1, wordOf(prev) + ' ' + w));
  emit(hashFeature(T.BigramP1, stem + ' ' + stemOf(next)));
  emit(hashFeature(T.Nisba, reading(t)?.article && /(ي|يه|يين|يون)$/.test(stem) ? (lex.nationalities.has(w) ? 'nat' : 'nisba') : ''));
  emit(hashFeature(T.Quote, prev && (prev.text === '“' || prev.text === '«' || prev.text === '"') ? 'q' : ''));
  emit(hashFeature(T.StemM2, stemOf(tokens[i - 2])));
  emit(hashFeature(T.StemP2, stemOf(tokens[i + 2])));
  if (w.length >= 4) emit(hashFeature(T.WordSuf3, w.slice(-3)));
  const art = (x: Token | undefined) => (!x ? '<s>' : reading(x)?.article ? 'a' : x.kind[0]);
  emit(hashFeature(T.ArticleM1P1, art(prev) + art(t) + art(next)));
  emit(hashFeature(T.NameM2P2, name(tokens[i - 2]) + '|' + name(tokens[i + 2])));
  if (ctx.gaz[i]) emit(hashFeature(T.GazWord, GAZ_TAGS[ctx.gaz[i]] + stem));
  emit(hashFeature(T.WordLabels, String(ctx.wordLabels(reading(t)?.norm ?? w))));
  if (stem.length >= 2) {
    emit(hashFeature(T.Pre1, stem.slice(0, 1)));
    emit(hashFeature(T.Suf1, stem.slice(-1)));
  }
  if (stem.length >= 5) {
    emit(hashFeature(T.Pre4, stem.slice(0, 4)));
    emit(hashFeature(T.Suf4, stem.slice(-4)));
  }
  emit(hashFeature(T.Sys, SYSTEM_TAGS[ctx.sys[i]]));
  emit(hashFeature(T.SysM1, i > 0 ? SYSTEM_TAGS[ctx.sys[i - 1]] : '<s>'));
  emit(hashFeature(T.SysP1, i + 1 < tokens.length ? SYSTEM_TAGS[ctx.sys[i + 1]] : '<s>'));
}

/** Gazetteer B/I tags of each token (indexes into GAZ_TAGS) from the gazetteer stage's candidates (into `out`, n zeroed bytes). */
export function gazetteerTags(n: number, candidates: readonly Candidate[], out: Uint8Array = new Uint8Array(n)): Uint8Array {
  for (const c of candidates) {
    const b = GAZ_B[c.label];
    out[c.tokenStart] = b;
    for (let k = c.tokenStart + 1; k < c.tokenEnd; k++) out[k] = b + 1;
  }
  return out;
}

/** The tags of each token (indexes into SYSTEM_TAGS) in the gazetteer-and-rules resolution (model spans are left out; into `out`, n zeroed bytes). */
export function systemTags(n: number, resolved: readonly Candidate[], out: Uint8Array = new Uint8Array(n)): Uint8Array {
  for (const c of resolved) {
    if (c.source === 'model') continue;
    const b = (c.source === 'gazetteer' ? SYS_B_GAZETTEER : SYS_B_RULE)[c.label];
    out[c.tokenStart] = b;
    for (let k = c.tokenStart + 1; k < c.tokenEnd; k++) out[k] = b + 1;
  }
  return out;
}

/** The trigger kind of the word(s) right before each token (indexes into TRIGGER_KINDS; into `out`, a zeroed byte a token). */
export function triggerTags(tokens: readonly Token[], lex: RuleLexicons, out: Uint8Array = new Uint8Array(tokens.length)): Uint8Array {
  for (let i = 0; i < tokens.length; i++) {
    if (!opensTrigger(tokens[i], lex)) continue;
    for (const { keys, code } of triggerPlan(tokens[i], lex)) {
      if (triggerFollows(tokens, i, keys)) {
        if (i + keys.length < tokens.length) out[i + keys.length] = code;
        break;
      }
    }
  }
  return out;
}

interface PlannedTrigger {
  keys: readonly string[];
  /** the trigger kind's code (see `triggerCode`) */
  code: number;
}

/**
 * The triggers a word may open, in the order the feature tries them: by reading, the titles (each its own kind), the
 * place descriptors, the organisation descriptors, then a force noun; the first whose words follow wins. It depends
 * on the word alone, so it is kept on the word form.
 */
function triggerPlan(t: Token, lex: RuleLexicons): readonly PlannedTrigger[] {
  const form = formOf(t);
  if (form?.modelTriggers) return form.modelTriggers as readonly PlannedTrigger[];
  const plan: PlannedTrigger[] = [];
  const tables = [[lex.titles, 'title'], [lex.placeDescriptors, 'place'], [lex.orgDescriptors, 'org']] as const;
  for (const a of readings(t)) {
    const k = a.norm;
    if (!lex.triggerWords.has(k)) continue;
    for (const [table, name] of tables) for (const trig of table.get(k) ?? []) plan.push({ keys: trig.keys, code: triggerCode(name === 'title' ? trig.kind : name) });
    if (lex.forces.get(k)?.kind === 'force') plan.push({ keys: [k], code: triggerCode('force') });
  }
  if (form) form.modelTriggers = plan;
  return plan;
}
