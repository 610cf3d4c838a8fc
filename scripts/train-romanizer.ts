/**
 * Trains the romaniser of Arabic names (lib/translit/romanize.ts) and writes models/romanizer.json.
 *
 *   npx tsx scripts/train-romanizer.ts --data /work/shared/data/names [--no-test] [--out models/romanizer.json]
 *
 * Data: google-ar2en (`arabic<TAB>english`; train / eval / test) and wikidata-person-words/pairs.tsv
 * (`english<TAB>arabic<TAB>count`). Settings are chosen on eval; test is only reported (`--no-test` skips it, for
 * tuning). Wikidata pairs whose Arabic is also an eval or test word are dropped, so that both measure unseen names.
 *
 * 1. Alignment: EM over monotone alignments in which every Arabic letter (normalised as the romaniser normalises)
 *    emits a Latin substring of 0..`maxChunk` characters, with P(substring | letter) re-estimated from expected
 *    counts; then each pair's Viterbi alignment, with substrings rarer than `minChunk` for a letter pruned.
 * 2. Model: for every context template (the letter alone, then wider windows of neighbours and word edges, with the
 *    two chunks emitted before), the counts of the chunk each letter emits. Contexts seen fewer than `minContext`
 *    times, chunks seen fewer than `minCount` times in a wide context, and contexts that saw one chunk only, the one
 *    their parent context prefers anyway, are dropped (that keeps the model small). The romaniser interpolates the
 *    templates (Witten-Bell) and decodes with a beam.
 * 3. Evaluation: exact match and character error rate of the learned model and of the rules, on eval and on test.
 *
 * The output is deterministic: integer counts only, keys sorted, no timestamps.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import levenshtein from 'fast-levenshtein';
import { ARABIC_WORD, createRomanizer, historyKey, letterKey, padWord, parseTemplate, romanizeRules, romanizerNormalizer, type RomanizerModel } from '../lib/translit/romanize';

interface Settings {
  /** the folder holding google-ar2en/ and wikidata-person-words/ */
  data: string;
  /** where the model goes */
  out: string;
  /** report test figures (off while tuning) */
  test: boolean;
  /** train on the Wikidata pairs too */
  wikidata: boolean;
  /** longest Latin substring one letter may emit */
  maxChunk: number;
  /** (letter, substring) pairs with fewer expected counts are not aligned */
  minChunk: number;
  /** contexts wider than the letter alone seen fewer times are dropped */
  minContext: number;
  /** in contexts wider than the letter alone, chunks seen fewer times are dropped */
  minCount: number;
  /** drop a context that saw one chunk only, the one its parent context (the template before) sees most */
  prune: boolean;
  /** EM iterations */
  iterations: number;
  /** beam width of the romaniser */
  beam: number;
  /** the normaliser's alef and hamza folds */
  alef: boolean;
  hamza: boolean;
  /** context templates (see RomanizerModel.templates) */
  templates: string[];
}

/** The chosen settings (on eval); each can be overridden on the command line for experiments. */
const DEFAULTS: Omit<Settings, 'data'> = {
  out: join(__dirname, '..', 'models', 'romanizer.json'),
  test: true,
  wikidata: true,
  maxChunk: 3,
  minChunk: 5,
  minContext: 2,
  minCount: 2,
  prune: true,
  iterations: 8,
  beam: 4,
  alef: false,
  hamza: false,
  templates: ['0', '-1 0', '-1 0 1', '-1 0 1 pp', '-2 -1 0 1 2 pp'],
};

function parseArgs(argv: string[]): Settings {
  const s: Partial<Settings> = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--data') s.data = val();
    else if (a === '--out') s.out = val();
    else if (a === '--no-test') s.test = false;
    else if (a === '--no-wikidata') s.wikidata = false;
    else if (a === '--max-chunk') s.maxChunk = Number(val());
    else if (a === '--min-chunk') s.minChunk = Number(val());
    else if (a === '--min-context') s.minContext = Number(val());
    else if (a === '--prune') s.prune = val() === 'true';
    else if (a === '--min-count') s.minCount = Number(val());
    else if (a === '--iterations') s.iterations = Number(val());
    else if (a === '--beam') s.beam = Number(val());
    else if (a === '--alef') s.alef = val() === 'true';
    else if (a === '--hamza') s.hamza = val() === 'true';
    else if (a === '--templates') s.templates = val().split(';');
    else throw new Error(`unknown argument ${a}`);
  }
  if (!s.data) throw new Error('usage: train-romanizer.ts --data <dir holding google-ar2en/ and wikidata-person-words/>');
  return s as Settings;
}

// ---------------------------------------------------------------------------------------------------------------
// Data

type Pair = [arabic: string, latin: string];

const LATIN_FOLD: Record<string, string> = { 'ı': 'i', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th', '’': "'", 'ʻ': "'", 'ʼ': "'" };

/** Latin for training: lower case, accents dropped, a few letters folded; null unless only a-z and ' remain. */
function foldLatin(s: string): string | null {
  const t = s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z']/g, (c) => LATIN_FOLD[c] ?? c);
  return /^[a-z][a-z']*$/.test(t) ? t : null;
}

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter(Boolean);
}

function readGoogle(file: string): Pair[] {
  return readLines(file).map((l) => {
    const [ar, en] = l.split('\t');
    return [ar, en.toLowerCase()];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Alignment

/** Interns strings as small integers. */
class Interner {
  readonly ids = new Map<string, number>();
  readonly list: string[] = [];
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) (i = this.list.length), this.ids.set(s, i), this.list.push(s);
    return i;
  }
}

/** A training pair prepared for EM: the parameter id of every (letter i, Latin start j, length k) emission. */
interface Lattice {
  ar: string;
  en: string;
  /** params[(i * (m + 1) + j) * (K + 1) + k] (unused where j + k > m) */
  params: Int32Array;
}

/**
 * EM for P(Latin substring | Arabic letter) over monotone alignments; returns the Viterbi chunking of every pair that
 * can be aligned with the substrings kept (seen at least `minChunk` times in the expected counts).
 */
function align(pairs: Pair[], K: number, iterations: number, minChunk: number): Array<{ ar: string; chunks: string[] }> {
  const params = new Interner(); // `letter\tsubstring`
  const lattices: Lattice[] = pairs.map(([ar, en]) => {
    const n = ar.length;
    const m = en.length;
    const p = new Int32Array(n * (m + 1) * (K + 1));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= m; j++) for (let k = 0; k <= K && j + k <= m; k++) p[(i * (m + 1) + j) * (K + 1) + k] = params.id(ar[i] + '\t' + en.slice(j, j + k));
    }
    return { ar, en, params: p };
  });
  const letterOf = params.list.map((s) => s.slice(0, s.indexOf('\t')));
  let theta = new Float64Array(params.list.length).fill(1);
  for (let it = 0; it < iterations; it++) {
    const expected = new Float64Array(theta.length);
    for (const { ar, en, params: p } of lattices) {
      const n = ar.length;
      const m = en.length;
      const W = m + 1;
      const fwd = new Float64Array((n + 1) * W);
      const bwd = new Float64Array((n + 1) * W);
      fwd[0] = 1;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= m; j++) {
          const f = fwd[i * W + j];
          if (f === 0) continue;
          for (let k = 0; k <= K && j + k <= m; k++) fwd[(i + 1) * W + j + k] += f * theta[p[(i * W + j) * (K + 1) + k]];
        }
      }
      const z = fwd[n * W + m];
      if (!(z > 0)) continue;
      bwd[n * W + m] = 1;
      for (let i = n - 1; i >= 0; i--) {
        for (let j = 0; j <= m; j++) {
          let b = 0;
          for (let k = 0; k <= K && j + k <= m; k++) b += theta[p[(i * W + j) * (K + 1) + k]] * bwd[(i + 1) * W + j + k];
          bwd[i * W + j] = b;
        }
      }
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= m; j++) {
          const f = fwd[i * W + j];
          if (f === 0) continue;
          for (let k = 0; k <= K && j + k <= m; k++) {
            const id = p[(i * W + j) * (K + 1) + k];
            expected[id] += (f * theta[id] * bwd[(i + 1) * W + j + k]) / z;
          }
        }
      }
    }
    const last = it === iterations - 1;
    const totals = new Map<string, number>();
    for (let id = 0; id < expected.length; id++) {
      if (last && expected[id] < minChunk) expected[id] = 0;
      totals.set(letterOf[id], (totals.get(letterOf[id]) ?? 0) + expected[id]);
    }
    theta = expected.map((e, id) => (e > 0 ? e / totals.get(letterOf[id])! : 0));
  }
  // Viterbi chunking
  const out: Array<{ ar: string; chunks: string[] }> = [];
  for (const { ar, en, params: p } of lattices) {
    const n = ar.length;
    const m = en.length;
    const W = m + 1;
    const best = new Float64Array((n + 1) * W).fill(-Infinity);
    const back = new Int8Array((n + 1) * W).fill(-1);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= m; j++) {
        const b = best[i * W + j];
        if (b === -Infinity) continue;
        for (let k = 0; k <= K && j + k <= m; k++) {
          const t = theta[p[(i * W + j) * (K + 1) + k]];
          if (t <= 0) continue;
          const s = b + Math.log(t);
          if (s > best[(i + 1) * W + j + k]) (best[(i + 1) * W + j + k] = s), (back[(i + 1) * W + j + k] = k);
        }
      }
    }
    if (best[n * W + m] === -Infinity) continue;
    const chunks: string[] = [];
    for (let i = n, j = m; i > 0; i--) {
      const k = back[i * W + j];
      chunks.push(en.slice(j - k, j));
      j -= k;
    }
    out.push({ ar, chunks: chunks.reverse() });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Model

/** The most frequent chunk (the smallest id on ties). */
function argmax(m: Map<number, number>): number {
  let best = -1;
  let bestN = 0;
  for (const [id, n] of m) if (n > bestN || (n === bestN && id < best)) (best = id), (bestN = n);
  return best;
}

/** Counts the chunk of every letter in every template's context; drops rare contexts; a deterministic model. */
function buildModel(aligned: Array<{ ar: string; chunks: string[] }>, s: Settings): RomanizerModel {
  // chunk ids by frequency, so that frequent chunks get short ids
  const freq = new Map<string, number>();
  for (const a of aligned) for (const c of a.chunks) freq.set(c, (freq.get(c) ?? 0) + 1);
  const chunks = [...freq.keys()].sort((a, b) => freq.get(b)! - freq.get(a)! || (a < b ? -1 : 1));
  const chunkId = new Map(chunks.map((c, i) => [c, i]));
  const counts = s.templates.map(() => new Map<string, Map<number, number>>());
  /** per template: context key → the key of the same position in the template before */
  const parents = s.templates.map(() => new Map<string, string>());
  const parsed = s.templates.map(parseTemplate);
  for (const { ar, chunks: cs } of aligned) {
    const padded = padWord(ar);
    for (let i = 0; i < ar.length; i++) {
      const id = chunkId.get(cs[i])!;
      let parent = '';
      parsed.forEach((t, k) => {
        let key = letterKey(padded, i, t.offsets);
        if (t.history) key += historyKey(t.history, i < 2 ? -1 : chunkId.get(cs[i - 2])!, i < 1 ? -1 : chunkId.get(cs[i - 1])!);
        let m = counts[k].get(key);
        if (!m) counts[k].set(key, (m = new Map()));
        m.set(id, (m.get(id) ?? 0) + 1);
        if (k > 0 && !parents[k].has(key)) parents[k].set(key, parent);
        parent = key;
      });
    }
  }
  const tables = counts.map((table, k) => {
    const out: string[] = [];
    for (const key of [...table.keys()].sort()) {
      const m = table.get(key)!;
      let total = 0;
      for (const n of m.values()) total += n;
      if (k > 0 && total < s.minContext) continue;
      if (k > 0 && s.prune && m.size === 1 && argmax(m) === argmax(counts[k - 1].get(parents[k].get(key)!)!)) continue;
      const kept = [...m.entries()].filter(([, n]) => k === 0 || n >= s.minCount);
      if (kept.length) out.push(key + '=' + kept.sort((a, b) => a[0] - b[0]).map(([id, n]) => `${id}:${n}`).join(','));
    }
    return out.join(';');
  });
  return {
    format: 'arabic-ner/romanizer@1',
    normalize: { alef: s.alef, hamza: s.hamza },
    chunks,
    templates: s.templates,
    counts: tables,
    beam: s.beam,
  };
}

/** JSON with object keys sorted at every level (arrays keep their order). */
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x as object).sort().map((k) => [k, (x as Record<string, unknown>)[k]]))
      : x,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

/** Exact match (lower case) and character error rate: summed edit distance / summed reference length. */
function score(pairs: Pair[], romanize: (ar: string) => string): { exact: number; cer: number } {
  let exact = 0;
  let dist = 0;
  let len = 0;
  for (const [ar, en] of pairs) {
    const hyp = romanize(ar).toLowerCase();
    if (hyp === en) exact++;
    dist += levenshtein.get(hyp, en);
    len += en.length;
  }
  return { exact: exact / pairs.length, cer: dist / len };
}

function fmt({ exact, cer }: { exact: number; cer: number }): string {
  return `exact ${(100 * exact).toFixed(1)}%  CER ${(100 * cer).toFixed(1)}%`;
}

function main(): void {
  const s = parseArgs(process.argv.slice(2));
  const norm = romanizerNormalizer({ alef: s.alef, hamza: s.hamza });
  const dir = join(s.data, 'google-ar2en');
  const evalPairs = readGoogle(join(dir, 'ar2en-eval.txt'));
  const testPairs = readGoogle(join(dir, 'ar2en-test.txt'));
  // held-out Arabic words (normalised): their Wikidata pairs are not trained on
  const heldOut = new Set([...evalPairs, ...testPairs].map(([ar]) => norm(ar)));

  const seen = new Set<string>();
  const train: Pair[] = [];
  const add = (ar: string, en: string): boolean => {
    const a = norm(ar);
    const e = foldLatin(en);
    if (e === null || !ARABIC_WORD.test(a) || seen.has(a + '\t' + e)) return false;
    seen.add(a + '\t' + e);
    train.push([a, e]);
    return true;
  };
  let google = 0;
  for (const [ar, en] of readGoogle(join(dir, 'ar2en-train.txt'))) if (add(ar, en)) google++;
  let wiki = 0;
  let dropped = 0;
  if (s.wikidata) {
    for (const line of readLines(join(s.data, 'wikidata-person-words', 'pairs.tsv')).slice(1)) {
      const [en, ar] = line.split('\t');
      if (heldOut.has(norm(ar))) dropped++;
      else if (add(ar, en)) wiki++;
    }
  }
  console.log(`train pairs: ${google} google-ar2en + ${wiki} wikidata (${dropped} wikidata pairs of eval/test words dropped)`);

  const aligned = align(train, s.maxChunk, s.iterations, s.minChunk);
  const model = buildModel(aligned, s);
  const json = stableJson(model) + '\n';
  mkdirSync(dirname(s.out), { recursive: true });
  writeFileSync(s.out, json);
  const contexts = model.counts.map((t) => t.split(';').length);
  console.log(`aligned ${aligned.length}/${train.length}; ${model.chunks.length} chunks; contexts per template ${contexts.join(' ')}; ${s.out} ${(Buffer.byteLength(json) / 1024).toFixed(0)} KB`);

  const learned = createRomanizer(model);
  const sets: Array<[string, Pair[]]> = [['eval', evalPairs]];
  if (s.test) sets.push(['test', testPairs]);
  for (const [name, pairs] of sets) {
    console.log(`${name} (${pairs.length}): learned ${fmt(score(pairs, learned))} | rules ${fmt(score(pairs, romanizeRules))}`);
  }
}

main();
