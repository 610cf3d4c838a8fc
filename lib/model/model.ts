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
import { addRows, TAGS, unpack, viterbi, type ShippedModel, type Weights } from './perceptron';

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

function contextOf(tokens: readonly Token[], lex: RuleLexicons, input: ModelInput): FeatureContext {
  const n = tokens.length;
  return { tokens, lex, gaz: gazetteerTags(n, input.matches), trig: triggerTags(tokens, lex), sys: systemTags(n, input.resolved), wordLabels: input.wordLabels };
}

/** Feature buckets of every token (internal: the training script's input). */
export function featurize(tokens: readonly Token[], lex: RuleLexicons, input: ModelInput): Int32Array[] {
  return allFeatures(contextOf(tokens, lex, input));
}

/**
 * The model's tags for the tokens: the same scores as `decode(weights, featurize(…))`, faster. The weights of each
 * slot of a word's profile (its own features, and its features as a neighbour at −1, +1, −2, +2) are summed once per
 * word form and cached on the profile; per token only the context features are read from the weight table.
 */
export function modelTags(tokens: readonly Token[], weights: Weights, lex: RuleLexicons, input: ModelInput): Uint8Array {
  const prof = profiles(tokens, lex, input.wordLabels);
  const ctx = contextOf(tokens, lex, input);
  const n = prof.length;
  // every row is written before it is read, so a table kept from an earlier text serves (up to 8 MB kept)
  if (scratch.length < n * K && n * K <= SCRATCH_MAX) scratch = new Float64Array(Math.max(n * K, 2 * scratch.length));
  const em = scratch.length >= n * K ? scratch : new Float64Array(n * K);
  const buf = new Int32Array(CONTEXT_FEATURES);
  const codes = new Int32Array(GROUPS);
  const groups = groupSums(weights);
  // the slot sums of each token (a chunk and an offset), with the boundary's two either side
  sumsOf(EDGE, weights);
  const sums = new Array<Int16Array | Float64Array>(n + 4);
  const from = new Int32Array(n + 4);
  sums[0] = sums[1] = sums[n + 2] = sums[n + 3] = EDGE.sums!;
  from[0] = from[1] = from[n + 2] = from[n + 3] = EDGE.sumsAt;
  for (let i = 0; i < n; i++) {
    const p = prof[i];
    sumsOf(p, weights);
    sums[i + 2] = p.sums!;
    from[i + 2] = p.sumsAt;
  }
  for (let i = 0; i < n; i++) {
    const at = i * K;
    // the token's own slot, its neighbours' slots (−1, +1, −2, +2) and its four group codes, in one pass
    const own = sums[i + 2], m1 = sums[i + 1], p1 = sums[i + 3], m2 = sums[i], p2 = sums[i + 4];
    const o0 = from[i + 2], o1 = from[i + 1] + K, o2 = from[i + 3] + 2 * K, o3 = from[i] + 3 * K, o4 = from[i + 4] + 4 * K;
    groupCodes(ctx, prof, i, codes);
    const g0 = groups[0][codes[0]] ?? (groups[0][codes[0]] = groupSum(weights, 0, codes[0], buf));
    const g1 = groups[1][codes[1]] ?? (groups[1][codes[1]] = groupSum(weights, 1, codes[1], buf));
    const g2 = groups[2][codes[2]] ?? (groups[2][codes[2]] = groupSum(weights, 2, codes[2], buf));
    const g3 = groups[3][codes[3]] ?? (groups[3][codes[3]] = groupSum(weights, 3, codes[3], buf));
    for (let k = 0; k < K; k++) em[at + k] = own[o0 + k] + m1[o1 + k] + p1[o2 + k] + m2[o3 + k] + p2[o4 + k] + g0[k] + g1[k] + g2[k] + g3[k];
    addRows(weights, buf, pairFeatures(ctx, prof, i, buf), em, at);
  }
  for (let i = 0; i < n * K; i++) em[i] *= weights.scale;
  return viterbi(weights, em, n);
}

const K = TAGS.length;
const BIAS = Int32Array.of(BIAS_FEATURE);
/** the emission scores of the text being tagged (tagging is synchronous, so one table serves every call) */
let scratch = new Float64Array(1024 * K);
const SCRATCH_MAX = 1 << 20;

/**
 * where profiles' weight sums are kept (32 KB chunks): the sums of the shipped int8 weights are integers, at most
 * 18 × 127 in size (a slot sums at most 18 rows: the bias and a word's 17 own features), so 16 bits hold them;
 * those of a model being trained (float weights) take 64 bits
 */
const INT_SUMS = new Arena((n) => new Int16Array(n), 16384);
const FLOAT_SUMS = new Arena((n) => new Float64Array(n), 8192);

/** Sums the profile's weights per slot (slot 0 with the bias) into `p.sums` from `p.sumsAt`, once per weights. */
function sumsOf(p: Profile, weights: Weights): void {
  if (p.sumsOf === weights) return;
  const sums = SUM_SCRATCH.fill(0);
  addRows(weights, BIAS, p === EDGE ? 0 : 1, sums, 0);
  for (let s = 0; s < SLOTS.length; s++) {
    const h = slotHashes(p, s);
    addRows(weights, h, h.length, sums, s * K);
  }
  const arena = weights.emission instanceof Int8Array ? INT_SUMS : FLOAT_SUMS;
  if (arena === INT_SUMS) for (let k = 0; k < sums.length; k++) if (Math.abs(sums[k]) > 32767) throw new Error(`internal: a profile's weight sum ${sums[k]} does not fit 16 bits`);
  p.sumsAt = arena.reserve(sums.length);
  p.sums = arena.chunk;
  p.sums.set(sums, p.sumsAt);
  p.sumsOf = weights;
}

const SUM_SCRATCH = new Float64Array(SLOTS.length * K);

/** the summed weights of each group code (see `groupCodes`), by weights, filled on use */
const GROUP_SUMS = new WeakMap<Weights, Array<Array<Float64Array | undefined>>>();

function groupSums(weights: Weights): Array<Array<Float64Array | undefined>> {
  let g = GROUP_SUMS.get(weights);
  if (!g) GROUP_SUMS.set(weights, (g = GROUP_CODES.map((n) => new Array<Float64Array | undefined>(n))));
  return g;
}

function groupSum(weights: Weights, group: number, code: number, buf: Int32Array): Float64Array {
  const sums = new Float64Array(K);
  addRows(weights, buf, groupFeatures(group, code, buf, 0), sums, 0);
  return sums;
}

/** The decoded BIO spans as candidates. Proclitics of the first token stay outside the span. */
export function modelCandidates(tokens: readonly Token[], tags: Uint8Array): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    const tag = TAGS[tags[i]];
    if (!tag.startsWith('B-') || tokens[i].kind === 'punctuation') {
      i++;
      continue;
    }
    const label = tag.slice(2) as Label;
    let j = i + 1;
    while (j < tokens.length && TAGS[tags[j]] === 'I-' + label) j++;
    while (j > i + 1 && tokens[j - 1].kind === 'punctuation') j--;
    const a = reading(tokens[i]);
    out.push({ start: tokens[i].start + (a ? (a.article ?? a.stem).start : 0), end: tokens[j - 1].end, tokenStart: i, tokenEnd: j, label, source: 'model', score: 0.6 });
    i = j;
  }
  return out;
}

/**
 * Is a model span a name by the project's guidelines? Spans the lexicons show to be no name are not: one common word,
 * descriptor or force noun alone (الريف), or a span holding an indefinite nationality adjective (جوي روسي: "Russian
 * air [support]"). The gazetteer tells which words start a name (an adverbial accusative such as تاليا is no name,
 * سوريا is). The tagger applies this guard when the model joins the gazetteer and rules ('fill', 'first'), not to the
 * model alone ('only', ANERcorp's conventions, which tag الخليج، الجزيرة، مبارك).
 */
export function isPlausibleName(tokens: readonly Token[], c: Candidate, lex: RuleLexicons, gazetteer: Gazetteer): boolean {
  const from = c.tokenStart;
  const to = c.tokenEnd;
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
