/**
 * The model stage of the tagger: features over the tokens, Viterbi, and the decoded BIO spans as candidates with
 * `source: 'model'`. The shipped model (models/ner.json, trained by scripts/train-model.ts on ANERcorp) is unpacked
 * on first use.
 */
import { builtinModel } from '../data';
import type { Label } from '../labels';
import { type Token, reading } from '../tokens';
import type { RuleLexicons } from '../tagger/lexicons';
import type { Candidate } from '../tagger/types';
import type { Gazetteer } from '../gazetteer/gazetteer';
import { opensName } from '../tagger/match';
import { allFeatures, BIAS_FEATURE, CONTEXT_FEATURES, EDGE, gazetteerTags, GROUP_CODES, groupCodes, groupFeatures, GROUPS, pairFeatures, profiles, slotHashes, SLOTS, systemTags, triggerTags, type FeatureContext, type Profile } from './features';
import { Arena } from './arena';
import { addRows, decode, TAGS, unpack, viterbi, type ShippedModel, type Weights } from './perceptron';
import { ScratchBytes } from '../scratch';

let shipped: Weights | null | undefined;

/** The built-in model's weights, or null when the package ships none. */
export function defaultModel(): Weights | null {
  if (shipped === undefined) {
    const m = builtinModel<ShippedModel>('ner');
    shipped = m ? unpack(m) : null;
  }
  return shipped;
}

/** @internal replaces the model taggers created from now on use (the training script measures policies with it) */
export function setDefaultModel(w: Weights | null): void {
  shipped = w;
}

/**
 * What the model reads besides the tokens: every gazetteer match (weak ones too), what the gazetteer and rules alone
 * resolve to, and the labels of the gazetteer's multi-word names by word.
 */
export interface ModelInput {
  /** every gazetteer match, the weak ones too (`ruleStage` in lib/tagger/tagger.ts) */
  matches: readonly Candidate[];
  /** what `resolve` makes of the gazetteer's and rules' candidates alone */
  resolved: readonly Candidate[];
  wordLabels: (key: string) => number;
}

/** `modelTags`' context tables, which do not outlive the call */
const GAZ = new ScratchBytes();
const TRIG = new ScratchBytes();
const SYS = new ScratchBytes();

/** The tables the context features read; `scratch`: views of kept tables, for a caller that keeps nothing of it. */
function contextOf(tokens: readonly Token[], lex: RuleLexicons, input: ModelInput, scratch = false): FeatureContext {
  const n = tokens.length;
  return {
    tokens,
    lex,
    gaz: gazetteerTags(n, input.matches, scratch ? GAZ.zeroed(n) : undefined),
    trig: triggerTags(tokens, lex, scratch ? TRIG.zeroed(n) : undefined),
    sys: systemTags(n, input.resolved, scratch ? SYS.zeroed(n) : undefined),
    wordLabels: input.wordLabels,
  };
}

/** Feature buckets of every token (internal: the training script's input). */
export function featurize(tokens: readonly Token[], lex: RuleLexicons, input: ModelInput): Int32Array[] {
  return allFeatures(contextOf(tokens, lex, input));
}

/**
 * The model's tags for the tokens: the same tags as `decode(weights, featurize(…))`, faster for the shipped int8
 * weights. The weights of each slot of a word's profile (its own features, and its features as a neighbour at −1,
 * +1, −2, +2) are summed once per word form and cached on the profile, as are those of each group code; per token
 * only the pair features are read from the weight table. Float weights (a model being trained) take the plain path.
 *
 * The cached sums are packed two tags to a 32-bit word (`packRow`), so a token adds four words a row, not seven
 * numbers: a tag's lane is exact while the tag's total stays within 16 bits, and it does, since the packed rows of a
 * token sum at most `MAX_PACKED_FEATURES` weights of at most 127 each (the pair features are added unpacked).
 */
export function modelTags(tokens: readonly Token[], weights: Weights, lex: RuleLexicons, input: ModelInput): Uint8Array {
  if (!(weights.emission instanceof Int8Array)) return decode(weights, featurize(tokens, lex, input));
  const prof = profiles(tokens, lex, input.wordLabels);
  const n = prof.length;
  const ctx = contextOf(tokens, lex, input, true);
  // every row is written before it is read, so tables kept from an earlier text serve (up to 8 MB kept)
  if (scratch.length < n * K && n * K <= SCRATCH_MAX) {
    scratch = new Float64Array(Math.max(n * K, 2 * scratch.length));
    scratchRows = new Array<Int32Array>(scratch.length / K + 4);
    scratchFrom = new Int32Array(scratchRows.length);
  }
  const fits = scratch.length >= n * K;
  const em = fits ? scratch : new Float64Array(n * K);
  const sums = fits ? scratchRows : new Array<Int32Array>(n + 4);
  const from = fits ? scratchFrom : new Int32Array(n + 4);
  const buf = new Int32Array(CONTEXT_FEATURES);
  const codes = new Int32Array(GROUPS);
  const pair = new Float64Array(K);
  const groups = groupSums(weights);
  const scale = weights.scale;
  const mask = weights.buckets - 1;
  const e = weights.emission;
  const held = weights.held;
  // the packed slot sums of each token (a chunk and an offset), with the boundary's two either side
  sumsOf(EDGE, weights);
  sums[0] = sums[1] = sums[n + 2] = sums[n + 3] = EDGE.sums!;
  from[0] = from[1] = from[n + 2] = from[n + 3] = EDGE.sumsAt;
  for (let i = 0; i < n; i++) {
    const p = prof[i];
    sumsOf(p, weights);
    sums[i + 2] = p.sums!;
    from[i + 2] = p.sumsAt;
  }
  for (let i = 0; i < n; i++) {
    // the token's own slot, its neighbours' slots (−1, +1, −2, +2) and its four group codes, a packed word at a time
    const own = sums[i + 2], m1 = sums[i + 1], p1 = sums[i + 3], m2 = sums[i], p2 = sums[i + 4];
    const o0 = from[i + 2], o1 = from[i + 1] + W, o2 = from[i + 3] + 2 * W, o3 = from[i] + 3 * W, o4 = from[i + 4] + 4 * W;
    groupCodes(ctx, prof, i, codes);
    const g0 = groups[0][codes[0]] ?? (groups[0][codes[0]] = groupSum(weights, 0, codes[0], buf));
    const g1 = groups[1][codes[1]] ?? (groups[1][codes[1]] = groupSum(weights, 1, codes[1], buf));
    const g2 = groups[2][codes[2]] ?? (groups[2][codes[2]] = groupSum(weights, 2, codes[2], buf));
    const g3 = groups[3][codes[3]] ?? (groups[3][codes[3]] = groupSum(weights, 3, codes[3], buf));
    // the pair features' rows, read only from buckets that hold a weight (most pairs met in text were never seen in
    // training, and a bit of `held`, 32 KB, is cheaper to reach than a row of the 1.8 MB table)
    let x0 = 0, x1 = 0, x2 = 0, x3 = 0, x4 = 0, x5 = 0, x6 = 0;
    const count = pairFeatures(ctx, prof, i, buf);
    for (let j = 0; j < count; j++) {
      const bucket = buf[j] & mask;
      if (held && ((held[bucket >>> 5] >>> (bucket & 31)) & 1) === 0) continue;
      const off = bucket * K;
      x0 += e[off]; x1 += e[off + 1]; x2 += e[off + 2]; x3 += e[off + 3]; x4 += e[off + 4]; x5 += e[off + 5]; x6 += e[off + 6];
    }
    pair[0] = x0; pair[1] = x1; pair[2] = x2; pair[3] = x3; pair[4] = x4; pair[5] = x5; pair[6] = x6;
    const at = i * K;
    for (let q = 0; q < W; q++) {
      const word = (own[o0 + q] + m1[o1 + q] + p1[o2 + q] + m2[o3 + q] + p2[o4 + q] + g0[q] + g1[q] + g2[q] + g3[q]) | 0;
      const low = (word << 16) >> 16;
      em[at + 2 * q] = (low + pair[2 * q]) * scale;
      if (2 * q + 1 < K) em[at + 2 * q + 1] = ((word - low) / 65536 + pair[2 * q + 1]) * scale;
    }
  }
  return viterbi(weights, em, n);
}

const K = TAGS.length;
/** the 32-bit words of a packed row: K tags, two a word */
const W = (K + 1) >> 1;
/** the most features a token's packed rows hold: the bias, a word's own (17), its neighbours' (3 + 3 + 2 + 2), the groups' (3 + 3 + 2 + 3) */
const MAX_PACKED_FEATURES = 1 + 17 + 10 + 11;
if (MAX_PACKED_FEATURES * 127 > 32767) throw new Error('internal: packed sums may overflow');
const BIAS = Int32Array.of(BIAS_FEATURE);
/** the emission scores of the text being tagged (tagging is synchronous, so one table serves every call) */
let scratch = new Float64Array(1024 * K);
/** each token's packed slot sums (a chunk and an offset into it), kept beside `scratch` (so they hold on to the chunks an earlier text read until overwritten) */
let scratchRows = new Array<Int32Array>(1024 + 4);
let scratchFrom = new Int32Array(1024 + 4);
const SCRATCH_MAX = 1 << 20;

/**
 * Packs K summed weights (integers within 16 bits) into W words, two tags a word: word q holds tag 2q in its low
 * 16 bits (two's complement) and tag 2q + 1 above, so that adding packed rows adds each tag's weights.
 */
function packRow(sums: Float64Array, from: number, out: Int32Array, at: number): void {
  for (let q = 0; q < W; q++) {
    const low = sums[from + 2 * q];
    const high = 2 * q + 1 < K ? sums[from + 2 * q + 1] : 0;
    if (Math.abs(low) > 32767 || Math.abs(high) > 32767) throw new Error(`internal: a weight sum ${Math.abs(low) > 32767 ? low : high} does not fit 16 bits`);
    out[at + q] = (high * 65536 + low) | 0;
  }
}

/** where profiles' packed weight sums are kept (64 KB chunks) */
const PACKED_SUMS = new Arena((n) => new Int32Array(n), 16384);

/** Sums the profile's int8 weights per slot (slot 0 with the bias) into `p.sums` from `p.sumsAt`, once per weights. */
function sumsOf(p: Profile, weights: Weights): void {
  if (p.sumsOf === weights) return;
  const sums = SUM_SCRATCH.fill(0);
  addRows(weights, BIAS, p === EDGE ? 0 : 1, sums, 0);
  for (let s = 0; s < SLOTS.length; s++) {
    const h = slotHashes(p, s);
    addRows(weights, h, h.length, sums, s * K);
  }
  p.sumsAt = PACKED_SUMS.reserve(SLOTS.length * W);
  p.sums = PACKED_SUMS.chunk;
  for (let s = 0; s < SLOTS.length; s++) packRow(sums, s * K, p.sums, p.sumsAt + s * W);
  p.sumsOf = weights;
}

const SUM_SCRATCH = new Float64Array(SLOTS.length * K);

/** the packed summed weights of each group code (see `groupCodes`), by weights, filled on use */
const GROUP_SUMS = new WeakMap<Weights, Array<Array<Int32Array | undefined>>>();

function groupSums(weights: Weights): Array<Array<Int32Array | undefined>> {
  let g = GROUP_SUMS.get(weights);
  if (!g) GROUP_SUMS.set(weights, (g = GROUP_CODES.map((n) => new Array<Int32Array | undefined>(n))));
  return g;
}

function groupSum(weights: Weights, group: number, code: number, buf: Int32Array): Int32Array {
  const sums = new Float64Array(K);
  addRows(weights, buf, groupFeatures(group, code, buf, 0), sums, 0);
  const out = new Int32Array(W);
  packRow(sums, 0, out, 0);
  return out;
}

/** the label of each B- and I- tag */
const LABEL_OF_TAG = TAGS.map((t) => t.slice(2) as Label);

/** The decoded BIO spans as candidates. Proclitics of the first token stay outside the span. */
export function modelCandidates(tokens: readonly Token[], tags: Uint8Array): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    // TAGS: O, then B- (odd) and I- (the B- + 1) of each label
    const b = tags[i];
    if ((b & 1) === 0 || tokens[i].kind === 'punctuation') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && tags[j] === b + 1) j++;
    while (j > i + 1 && tokens[j - 1].kind === 'punctuation') j--;
    const a = reading(tokens[i]);
    out.push({ start: tokens[i].start + (a ? (a.article ?? a.stem).start : 0), end: tokens[j - 1].end, tokenStart: i, tokenEnd: j, label: LABEL_OF_TAG[b], source: 'model', score: 0.6 });
    i = j;
  }
  return out;
}

/**
 * Is a model span a name by the project's guidelines? Spans the lexicons show to be no name are not: one common word,
 * descriptor or force noun alone (الريف), a span holding an indefinite nationality adjective (جوي روسي: "Russian
 * air [support]"), or a product right after a noun of weapons or vehicles (طائرة ميغ). The gazetteer tells which
 * words start a name (an adverbial accusative such as تاليا is no name, سوريا is). The tagger applies this guard when
 * the model joins the gazetteer and rules ('fill', 'first'), not to the model alone ('only', ANERcorp's conventions,
 * which tag الخليج، الجزيرة، مبارك).
 */
export function isPlausibleName(tokens: readonly Token[], c: Candidate, lex: RuleLexicons, gazetteer: Gazetteer): boolean {
  const from = c.tokenStart;
  const to = c.tokenEnd;
  // after a noun of weapons or vehicles (عربة بي ام بي، صواريخ ايجلا، من طراز ميغ) the words name a product
  if (from > 0 && isEquipment(tokens[from - 1], lex)) return false;
  for (let k = from; k < to; k++) {
    // the word or its stem behind a proclitic (وروسي): an indefinite nationality adjective is no name
    const a = reading(tokens[k]);
    const n = a && !a.article ? a.norm : tokens[k].norm;
    if (!n.startsWith('ال') && lex.nationalities.has(n)) return false;
  }
  if (to - from === 1) {
    const stem = reading(tokens[from])?.stemNorm ?? tokens[from].norm;
    if (lex.commonWords.has(tokens[from].norm) || lex.commonWords.has(stem) || lex.commonWords.has('ال' + stem)) return false;
    // a descriptor, force noun or title alone (الريف، القوات، الرئيس) is no name
    if (lex.placeDescriptors.has(stem) || lex.orgDescriptors.has(stem) || lex.forces.has(stem) || lex.titles.has(stem) || lex.titles.has('ال' + stem)) return false;
    // the adverbial accusative of a common adjective (تاليا، حاليا: التالي، الحالي are common words) is no name,
    // unless a gazetteer name starts with the word (سوريا: السوري is common too)
    if (stem.length >= 4 && stem.endsWith('ا') && lex.commonWords.has('ال' + stem.slice(0, -1)) && !opensName(tokens[from], gazetteer)) return false;
  }
  return true;
}

/**
 * Is this word a noun of weapons, vehicles or craft (طائرات، الصواريخ), also behind a proclitic (وصواريخ، بطائرة: the
 * stem lexicon holds these nouns, so the clitic analysis finds them)?
 */
function isEquipment(t: Token, lex: RuleLexicons): boolean {
  const a = reading(t);
  return lex.equipment.has(a ? a.stemNorm : t.norm);
}
