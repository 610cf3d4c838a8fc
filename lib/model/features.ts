/**
 * Features of the sequence model, hashed: each feature is a template id and a string, hashed (FNV-1a) into a fixed
 * number of buckets without building the feature string. The same code extracts features at training and tagging
 * time, over the tokenizer's tokens, so the model sees exactly what it will see in use.
 *
 * Templates: the word and its stem after proclitics, the proclitic pattern, stem prefixes and suffixes, word shape,
 * neighbouring words and stems (window ±2), gazetteer membership of the token and its neighbours (label, B/I),
 * trigger words before (title, rank, role, place or organisation descriptor, force noun), person-name lexicon
 * membership (token and neighbours), the common-word flag, a nisba-adjective shape, and an opening quote before.
 */
import type { Token } from '../tokens';
import type { RuleLexicons } from '../tagger/lexicons';
import type { Candidate } from '../tagger/types';

/** Per-token context the features read besides the tokens. */
export interface FeatureContext {
  tokens: readonly Token[];
  lex: RuleLexicons;
  /** gazetteer label of each token with B/I ('' when none), e.g. 'B-LOC' */
  gaz: string[];
  /** trigger kind that ends right before each token ('' when none), e.g. 'title', 'place', 'force' */
  trig: string[];
  /** the labels (a bit mask: PER 1, LOC 2, ORG 4, UNIT 8) of the multi-word gazetteer names that hold a word key */
  wordLabels: (key: string) => number;
}

export const enum T {
  Bias, Word, Stem, Procl, Pre2, Pre3, Suf2, Suf3, Shape, WordM1, WordP1, StemM1, StemP1, WordM2, WordP2,
  Gaz, GazM1, GazP1, TrigM1, TrigM2, Name, NameM1, NameP1, Common, BigramM1, BigramP1, Nisba, Quote,
  StemM2, StemP2, WordSuf3, ArticleM1P1, NameM2P2, GazWord, WordLabels, Count,
}

const SEEDS = Array.from({ length: T.Count }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

/** FNV-1a of a string, seeded by the template. */
export function hashFeature(template: number, s: string): number {
  return fnv((0x811c9dc5 ^ SEEDS[template]) >>> 0, s) >>> 0;
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
  const a = t.analyses[0];
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
  const a = t.analyses[0];
  if (!a) return '';
  let s = '';
  for (const p of a.proclitics) s += p.text[0];
  return s + (a.article ? '+ال' : '');
}

/**
 * The features of one token that depend on it alone, hashed once and cached by its text: its own features, the
 * hashes it gives as a neighbour (±1, ±2), and FNV states from which the bigram features continue.
 */
export interface Profile {
  text: string;
  stem: string;
  procl: string;
  own: number[];
  wordM1: number;
  wordP1: number;
  stemM1: number;
  stemP1: number;
  wordM2: number;
  wordP2: number;
  stemM2: number;
  stemP2: number;
  nameM1: number;
  nameP1: number;
  name: string;
  art: string;
  /** BigramM1 state after this token's norm and a space (this token as the previous word) */
  bigramM1: number;
  /** BigramP1 state after this token's stem and a space (this token as the current word) */
  bigramP1: number;
  norm: string;
  /** the summed weights of the bias and `own` per tag, for the weights in `sumsOf` (the tagger's cache) */
  sums?: Float64Array;
  sumsOf?: object;
}

const BOUNDARY = '<s>';

/** The bias feature's hash. */
export const BIAS_FEATURE = hashFeature(T.Bias, '');
/** hashes of the small-vocabulary features (gazetteer tags, triggers, patterns), one Map a template */
const SMALL: Array<Map<string, number>> = Array.from({ length: T.Count }, () => new Map());
function small(template: T, value: string): number {
  const m = SMALL[template];
  let h = m.get(value);
  if (h === undefined) m.set(value, (h = hashFeature(template, value)));
  return h;
}

/** profiles by token text, one cache per word-label source (a tagger's gazetteer) */
const PROFILES = new WeakMap<(key: string) => number, Map<string, Profile>>();
const MAX_PROFILES = 200_000;

function profileOf(t: Token, lex: RuleLexicons, wordLabels: (key: string) => number): Profile {
  const stem = stemOf(t);
  const pc = procl(t);
  let cache = PROFILES.get(wordLabels);
  if (!cache) PROFILES.set(wordLabels, (cache = new Map()));
  const cached = cache.get(t.text);
  if (cached && cached.stem === stem && cached.procl === pc) return cached;
  const w = t.norm;
  const own: number[] = [hashFeature(T.Word, w), hashFeature(T.Stem, stem), hashFeature(T.Procl, pc)];
  if (stem.length >= 3) {
    own.push(hashFeature(T.Pre2, stem.slice(0, 2)), hashFeature(T.Pre3, stem.slice(0, 3)), hashFeature(T.Suf2, stem.slice(-2)), hashFeature(T.Suf3, stem.slice(-3)));
  }
  own.push(hashFeature(T.Shape, shape(t)));
  const name = lex.personNames.has(stem) ? (lex.commonNames.has(stem) ? 'nc' : 'n') : '';
  own.push(hashFeature(T.Name, name));
  own.push(hashFeature(T.Common, lex.commonWords.has(w) ? 'c' : lex.commonWords.has(stem) ? 's' : ''));
  own.push(hashFeature(T.Nisba, t.analyses[0]?.article && /(ي|يه|يين|يون)$/.test(stem) ? (lex.nationalities.has(w) ? 'nat' : 'nisba') : ''));
  if (w.length >= 4) own.push(hashFeature(T.WordSuf3, w.slice(-3)));
  own.push(hashFeature(T.WordLabels, String(wordLabels(t.analyses[0]?.norm ?? w))));
  const p: Profile = {
    text: t.text,
    stem,
    procl: pc,
    own,
    wordM1: hashFeature(T.WordM1, w),
    wordP1: hashFeature(T.WordP1, w),
    stemM1: hashFeature(T.StemM1, stem),
    stemP1: hashFeature(T.StemP1, stem),
    wordM2: hashFeature(T.WordM2, w),
    wordP2: hashFeature(T.WordP2, w),
    stemM2: hashFeature(T.StemM2, stem),
    stemP2: hashFeature(T.StemP2, stem),
    nameM1: hashFeature(T.NameM1, name),
    nameP1: hashFeature(T.NameP1, name),
    name,
    art: t.analyses[0]?.article ? 'a' : t.kind[0],
    bigramM1: fnv((0x811c9dc5 ^ SEEDS[T.BigramM1]) >>> 0, w + ' '),
    bigramP1: fnv((0x811c9dc5 ^ SEEDS[T.BigramP1]) >>> 0, stem + ' '),
    norm: w,
  };
  if (cache.size >= MAX_PROFILES) cache.clear();
  cache.set(t.text, p);
  return p;
}

const EDGE = {
  wordM1: hashFeature(T.WordM1, BOUNDARY),
  wordP1: hashFeature(T.WordP1, BOUNDARY),
  stemM1: hashFeature(T.StemM1, BOUNDARY),
  stemP1: hashFeature(T.StemP1, BOUNDARY),
  wordM2: hashFeature(T.WordM2, BOUNDARY),
  wordP2: hashFeature(T.WordP2, BOUNDARY),
  stemM2: hashFeature(T.StemM2, BOUNDARY),
  stemP2: hashFeature(T.StemP2, BOUNDARY),
  nameM1: hashFeature(T.NameM1, BOUNDARY),
  nameP1: hashFeature(T.NameP1, BOUNDARY),
  bigramM1: fnv((0x811c9dc5 ^ SEEDS[T.BigramM1]) >>> 0, BOUNDARY + ' '),
};

/**
 * The feature buckets of every token: the same hashes as `tokenFeatures`, computed from cached per-word profiles
 * (what the tagger runs; `tokenFeatures` is the readable definition the tests compare it with).
 */
export function allFeatures(ctx: FeatureContext): Int32Array[] {
  const prof = profiles(ctx);
  const buf = new Int32Array(CONTEXT_FEATURES);
  return prof.map((p, i) => {
    const m = contextFeatures(ctx, prof, i, buf);
    const f = new Int32Array(1 + p.own.length + m);
    f[0] = BIAS_FEATURE;
    f.set(p.own, 1);
    f.set(buf.subarray(0, m), 1 + p.own.length);
    return f;
  });
}

/**
 * The per-word profiles of a text's tokens (internal: the tagger sums each profile's own weights once and adds the
 * context features of `contextFeatures`; see lib/model/model.ts).
 */
export function profiles(ctx: FeatureContext): Profile[] {
  const n = ctx.tokens.length;
  const prof = new Array<Profile>(n);
  for (let i = 0; i < n; i++) prof[i] = profileOf(ctx.tokens[i], ctx.lex, ctx.wordLabels);
  return prof;
}

/** The most context features a token has. */
export const CONTEXT_FEATURES = 21;

/** Writes the features of token i that depend on its neighbours and context into `out`; returns how many. */
export function contextFeatures(ctx: FeatureContext, prof: readonly Profile[], i: number, out: Int32Array): number {
  const { tokens } = ctx;
  const n = prof.length;
  const p = prof[i];
  const a = i > 0 ? prof[i - 1] : undefined;
  const b = i + 1 < n ? prof[i + 1] : undefined;
  const a2 = i > 1 ? prof[i - 2] : undefined;
  const b2 = i + 2 < n ? prof[i + 2] : undefined;
  const gaz = ctx.gaz[i];
  let k = 0;
  out[k++] = a ? a.wordM1 : EDGE.wordM1;
  out[k++] = b ? b.wordP1 : EDGE.wordP1;
  out[k++] = a ? a.stemM1 : EDGE.stemM1;
  out[k++] = b ? b.stemP1 : EDGE.stemP1;
  out[k++] = a2 ? a2.wordM2 : EDGE.wordM2;
  out[k++] = b2 ? b2.wordP2 : EDGE.wordP2;
  out[k++] = small(T.Gaz, gaz);
  out[k++] = small(T.GazM1, i > 0 ? ctx.gaz[i - 1] : BOUNDARY);
  out[k++] = small(T.GazP1, i + 1 < n ? ctx.gaz[i + 1] : BOUNDARY);
  out[k++] = small(T.TrigM1, ctx.trig[i]);
  out[k++] = small(T.TrigM2, i > 0 ? ctx.trig[i - 1] : BOUNDARY);
  out[k++] = a ? a.nameM1 : EDGE.nameM1;
  out[k++] = b ? b.nameP1 : EDGE.nameP1;
  out[k++] = fnv(a ? a.bigramM1 : EDGE.bigramM1, p.norm) >>> 0;
  out[k++] = fnv(p.bigramP1, b ? b.stem : BOUNDARY) >>> 0;
  const prevText = i > 0 ? tokens[i - 1].text : '';
  out[k++] = small(T.Quote, prevText === '“' || prevText === '«' || prevText === '"' ? 'q' : '');
  out[k++] = a2 ? a2.stemM2 : EDGE.stemM2;
  out[k++] = b2 ? b2.stemP2 : EDGE.stemP2;
  out[k++] = small(T.ArticleM1P1, (a ? a.art : BOUNDARY) + p.art + (b ? b.art : BOUNDARY));
  out[k++] = small(T.NameM2P2, (a2 ? a2.name : BOUNDARY) + '|' + (b2 ? b2.name : BOUNDARY));
  if (gaz) out[k++] = hashFeature(T.GazWord, gaz + p.stem);
  return k;
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
  emit(hashFeature(T.Gaz, ctx.gaz[i]));
  emit(hashFeature(T.GazM1, i > 0 ? ctx.gaz[i - 1] : '<s>'));
  emit(hashFeature(T.GazP1, i + 1 < tokens.length ? ctx.gaz[i + 1] : '<s>'));
  emit(hashFeature(T.TrigM1, ctx.trig[i]));
  emit(hashFeature(T.TrigM2, i > 0 ? ctx.trig[i - 1] : '<s>'));
  const name = (x: Token | undefined) => (!x ? '<s>' : lex.personNames.has(stemOf(x)) ? (lex.commonNames.has(stemOf(x)) ? 'nc' : 'n') : '');
  emit(hashFeature(T.Name, name(t)));
  emit(hashFeature(T.NameM1, name(prev)));
  emit(hashFeature(T.NameP1, name(next)));
  emit(hashFeature(T.Common, lex.commonWords.has(w) ? 'c' : lex.commonWords.has(stem) ? 's' : ''));
  emit(hashFeature(T.BigramM1, wordOf(prev) + ' ' + w));
  emit(hashFeature(T.BigramP1, stem + ' ' + stemOf(next)));
  emit(hashFeature(T.Nisba, t.analyses[0]?.article && /(ي|يه|يين|يون)$/.test(stem) ? (lex.nationalities.has(w) ? 'nat' : 'nisba') : ''));
  emit(hashFeature(T.Quote, prev && (prev.text === '“' || prev.text === '«' || prev.text === '"') ? 'q' : ''));
  emit(hashFeature(T.StemM2, stemOf(tokens[i - 2])));
  emit(hashFeature(T.StemP2, stemOf(tokens[i + 2])));
  if (w.length >= 4) emit(hashFeature(T.WordSuf3, w.slice(-3)));
  const art = (x: Token | undefined) => (!x ? '<s>' : x.analyses[0]?.article ? 'a' : x.kind[0]);
  emit(hashFeature(T.ArticleM1P1, art(prev) + art(t) + art(next)));
  emit(hashFeature(T.NameM2P2, name(tokens[i - 2]) + '|' + name(tokens[i + 2])));
  if (ctx.gaz[i]) emit(hashFeature(T.GazWord, ctx.gaz[i] + stem));
  emit(hashFeature(T.WordLabels, String(ctx.wordLabels(t.analyses[0]?.norm ?? w))));
}

/** Gazetteer B/I labels of each token from the gazetteer stage's candidates. */
export function gazetteerTags(n: number, candidates: readonly Candidate[]): string[] {
  const out = new Array<string>(n).fill('');
  for (const c of candidates) {
    out[c.tokenStart] = 'B-' + c.label;
    for (let k = c.tokenStart + 1; k < c.tokenEnd; k++) out[k] = 'I-' + c.label;
  }
  return out;
}

/** The trigger kind of the word(s) right before each token. */
export function triggerTags(tokens: readonly Token[], lex: RuleLexicons): string[] {
  const out = new Array<string>(tokens.length).fill('');
  const tables = [[lex.titles, 'title'], [lex.placeDescriptors, 'place'], [lex.orgDescriptors, 'org']] as const;
  for (let i = 0; i < tokens.length; i++) {
    for (const a of tokens[i].analyses) {
      const k = a.norm;
      let kind = '';
      let len = 1;
      for (const [table, name] of tables) {
        for (const trig of table.get(k) ?? []) {
          let ok = i + trig.keys.length <= tokens.length;
          for (let m = 1; ok && m < trig.keys.length; m++) ok = tokens[i + m].norm === trig.keys[m];
          if (ok) {
            kind = name === 'title' ? trig.kind : name;
            len = trig.keys.length;
            break;
          }
        }
        if (kind) break;
      }
      if (!kind && lex.forces.get(k)?.kind === 'force') kind = 'force';
      if (kind) {
        if (i + len < tokens.length) out[i + len] = kind;
        break;
      }
    }
  }
  return out;
}
