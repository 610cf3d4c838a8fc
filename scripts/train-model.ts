/**
 * Trains the sequence model on ANERcorp (BIO, `token TAG` a line) and writes models/ner.json.
 *
 *   npm run train -- --data ../shared/data/anercorp/train.txt [--epochs 12] [--dev 0.1] [--buckets 18] [--seed 1] [--members 4]
 *                    [--augment 2] [--out models/ner.json] [--no-final] [--policies] [--cv K]
 *
 * - The development split is the last `--dev` fraction of the sentences; figures are printed for it (strict
 *   entity F1 per label over whole tokens, as CoNLL scores them), for the model alone and, with `--policies`, for the
 *   tagger's combination policies (UNIT counted as ORG, as ANERcorp has no UNIT).
 * - The shipped model is then trained on all of the file for `--epochs` epochs (`--no-final` keeps the train-part
 *   model instead). 12 by 5-fold CV (mean strict F1: 5 epochs 76.5, 7 77.0, 10 77.3, 12 77.4, 16 77.3, 20 77.4); the
 *   best epoch on the one development split moves with noise, so it is printed, not used.
 * - `--members N` perceptrons, trained on N seeded shuffles, are summed into the one shipped table (same size and
 *   speed as one model): 4 by 5-fold CV (1 member 77.9, 4 78.5, 8 78.5).
 * - `--augment N` copies of each training sentence that holds a name, with every PERS, LOC and ORG name replaced by
 *   another of its type drawn (seeded) from the same training data (lib/model/augment.ts), join the training data:
 *   by 5-fold CV, 0 copies 80.26 / 80.55 (seeds 1 / 5), 2 copies 80.90 / 81.03; on the development split 79.1 → 81.2
 *   with two copies (in scratch runs over three shuffle seeds one copy gave +1.3, three no more than two). Only the
 *   data a model is trained on is copied, never what it is scored on.
 * - Labels: PERS → PER, LOC, ORG; MISC → O. ANERcorp tags whole whitespace tokens; the text is re-tokenised by the
 *   project's tokenizer and each of its tokens takes the tag of the corpus token it lies in (B on the first only).
 * - `--cv K`: only K-fold cross-validation over the whole file (contiguous folds, `--epochs` each, nothing written):
 *   mean strict F1 per label, steadier than the one development split for comparing feature sets.
 * - `--seed-cv corpus/seeds-gold.jsonl`: only what the seed articles would add as training data, measured without
 *   ever scoring an article with a model that saw it: for each article, a model trained on ANERcorp and the other
 *   articles (UNIT as ORG) tags it; against a model trained on ANERcorp alone (nothing written).
 * - Deterministic: a seeded shuffle and fixed hashing give the same model bytes on every run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultGazetteer } from '../lib/gazetteer/gazetteer';
import { defaultLexicon } from '../lib/lexicon';
import { featurize, modelCandidates, setDefaultModel } from '../lib/model/model';
import { decode, pack, TAGS, trainEnsemble, type TrainingSentence, type Weights } from '../lib/model/perceptron';
import { replaceMentions, type BioSentence } from '../lib/model/augment';
import { ruleLexicons } from '../lib/tagger/lexicons';
import { resolve } from '../lib/tagger/resolve';
import { createTagger, ruleStage, type ModelPolicy } from '../lib/tagger/tagger';
import { scan, type Token } from '../lib/tokens';
import { Scorer, OVERALL, type Mention } from '../lib/eval/score';
import { scoreTable } from '../lib/eval/report';
import { parseGoldJsonl, splitGoldLines, type GoldDoc } from '../lib/eval/gold';

function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const dataPath = arg('data');
if (!dataPath) {
  console.error('usage: npm run train -- --data PATH/TO/anercorp/train.txt [--epochs N] [--dev 0.1] [--buckets 18] [--seed 1] [--members 4]');
  process.exit(1);
}
const epochs = Number(arg('epochs', '12'));
const devFraction = Number(arg('dev', '0.1'));
const buckets = 1 << Number(arg('buckets', '18'));
const seed = Number(arg('seed', '1'));
const members = Number(arg('members', '4'));
const augment = Number(arg('augment', '2'));
const out = arg('out', join(__dirname, '..', 'models', 'ner.json'))!;
const final = !process.argv.includes('--no-final');

interface Sentence {
  text: string;
  tokens: Token[];
  gold: Uint8Array;
  /** gold entities as token ranges */
  goldSpans: Mention[];
}

const MAP: Record<string, string> = { PERS: 'PER', LOC: 'LOC', ORG: 'ORG' };
const lex = ruleLexicons();
const gazetteer = defaultGazetteer();
const stems = defaultLexicon();
const wordLabels = (key: string) => gazetteer.wordLabels(key);

/** ANERcorp's sentences as it gives them: white-space words and BIO tags. */
function readCorpus(path: string): BioSentence[] {
  const out: BioSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  for (const line of [...readFileSync(path, 'utf8').split('\n'), '']) {
    const l = line.replace(/\r$/, '');
    if (l.trim()) {
      const sp = l.lastIndexOf(' ');
      words.push(l.slice(0, sp));
      tags.push(l.slice(sp + 1));
    } else if (words.length) {
      out.push({ words, tags });
      words = [];
      tags = [];
    }
  }
  return out;
}

/** A corpus sentence re-read by the project's tokenizer, each token tagged as the corpus word it lies in. */
function toSentence({ words, tags }: BioSentence): Sentence {
  let text = '';
  const ranges: Array<[number, number]> = [];
  for (const w of words) {
    if (text) text += ' ';
    ranges.push([text.length, text.length + w.length]);
    text += w;
  }
  const tokens = scan(text, stems);
  const gold = new Uint8Array(tokens.length);
  let r = 0;
  let prevWord = -1;
  tokens.forEach((t, i) => {
    while (r < ranges.length && ranges[r][1] <= t.start) r++;
    const raw = tags[r] ?? 'O';
    const type = MAP[raw.slice(2)];
    let tag = 'O';
    if (type) tag = (raw.startsWith('B-') && r !== prevWord ? 'B-' : 'I-') + type;
    prevWord = r;
    gold[i] = TAGS.indexOf(tag as (typeof TAGS)[number]);
  });
  // an I- with nothing before it (a corpus token split into several) starts an entity, as conlleval reads it
  for (let i = 0; i < gold.length; i++) {
    const t = TAGS[gold[i]];
    if (t.startsWith('I-') && (i === 0 || TAGS[gold[i - 1]].slice(2) !== t.slice(2))) gold[i] = TAGS.indexOf(('B-' + t.slice(2)) as (typeof TAGS)[number]);
  }
  return { text, tokens, gold, goldSpans: spans(gold) };
}

/** Token-range mentions of a BIO sequence (start/end are token indexes). */
function spans(tags: Uint8Array): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = TAGS[tags[i]];
    if (!t.startsWith('B-')) continue;
    let j = i + 1;
    while (j < tags.length && TAGS[tags[j]] === 'I-' + t.slice(2)) j++;
    out.push({ start: i, end: j, label: t.slice(2) });
  }
  return out;
}

/** The shipped kind of model: an ensemble of `--members` perceptrons. */
function train(data: readonly TrainingSentence[]): Weights {
  return trainEnsemble(data, { epochs, buckets, seed, members });
}

function toTraining(s: Sentence): TrainingSentence {
  // the model's input as the tagger builds it (lib/tagger/tagger.ts)
  const { matched, candidates } = ruleStage(s.text, s.tokens, gazetteer, lex);
  return { feats: featurize(s.tokens, lex, { matches: matched, resolved: resolve(s.tokens, candidates, lex), wordLabels }), gold: s.gold };
}

/** Strict entity scores over token ranges: the model alone. */
function scoreModel(w: Weights, dev: Sentence[], feats: TrainingSentence[]): ReturnType<Scorer['scores']> {
  const scorer = new Scorer();
  dev.forEach((s, k) => {
    const pred = modelCandidates(s.tokens, decode(w, feats[k].feats)).map((c) => ({ start: c.tokenStart, end: c.tokenEnd, label: c.label }));
    scorer.add(s.goldSpans, pred);
  });
  return scorer.scores();
}

/** The full tagger with a model policy, entities mapped back to token ranges (UNIT counts as ORG, as in ANERcorp). */
function scoreTagger(policy: ModelPolicy, rules: boolean, dev: Sentence[]): ReturnType<Scorer['scores']> {
  const tagger = createTagger({ model: policy, rules });
  const scorer = new Scorer();
  for (const s of dev) {
    const doc = tagger.tag(s.text);
    const pred = doc.entities.map((e) => {
      const a = s.tokens.findIndex((t) => t.end > e.start);
      let b = a;
      while (b < s.tokens.length && s.tokens[b].start < e.end) b++;
      return { start: a, end: b, label: e.label === 'UNIT' ? 'ORG' : e.label };
    });
    scorer.add(s.goldSpans, pred);
  }
  return scorer.scores();
}

/** Gold documents as training sentences: one a line, each token tagged by the gold mention it overlaps (UNIT as ORG). */
function goldSentences(docs: readonly GoldDoc[]): Sentence[] {
  return docs.flatMap(splitGoldLines).filter((d) => d.text.trim()).map((d) => {
    const tokens = scan(d.text, stems);
    const gold = new Uint8Array(tokens.length);
    for (const e of d.entities) {
      const label = e.label === 'UNIT' ? 'ORG' : e.label;
      let first = true;
      tokens.forEach((t, i) => {
        if (t.end <= e.start || t.start >= e.end) return;
        gold[i] = TAGS.indexOf(((first ? 'B-' : 'I-') + label) as (typeof TAGS)[number]);
        first = false;
      });
    }
    return { text: d.text, tokens, gold, goldSpans: spans(gold) };
  });
}

/** The full tagger with a model policy on gold documents, scored as `npm run bench` scores the seeds. */
function scoreOnDocs(policy: ModelPolicy, docs: readonly GoldDoc[], scorer: Scorer): void {
  const tagger = createTagger({ model: policy });
  for (const d of docs) scorer.add(d.entities, tagger.tag(d.text).entities);
}

/**
 * The training sentences of a part of the corpus: its own (`own`, featurised already) and `--augment` copies of them
 * with every PERS, LOC and ORG name swapped for another of the same type from the part (lib/model/augment.ts).
 */
function withCopies(part: readonly BioSentence[], own: readonly TrainingSentence[]): TrainingSentence[] {
  return [...own, ...replaceMentions(part, ['PERS', 'LOC', 'ORG'], augment, seed).map((s) => toTraining(toSentence(s)))];
}

const t0 = Date.now();
const raw = readCorpus(dataPath);
const all = raw.map(toSentence);
const seedCv = arg('seed-cv');
if (seedCv) {
  const seeds = parseGoldJsonl(readFileSync(seedCv, 'utf8'), seedCv);
  const anercorp = withCopies(raw, all.map(toTraining));
  const policies: ModelPolicy[] = ['fill', 'only'];
  const base = Object.fromEntries(policies.map((p) => [p, new Scorer()]));
  const withSeeds = Object.fromEntries(policies.map((p) => [p, new Scorer()]));
  setDefaultModel(train(anercorp));
  for (const p of policies) scoreOnDocs(p, seeds, base[p]);
  seeds.forEach((held, k) => {
    const others = goldSentences(seeds.filter((_, j) => j !== k)).map(toTraining);
    setDefaultModel(train([...anercorp, ...others]));
    for (const p of policies) scoreOnDocs(p, [held], withSeeds[p]);
    console.log(`article ${k + 1}/${seeds.length} (${held.id}) held out`);
  });
  for (const p of policies) {
    console.log(`\n'${p}', model trained on ANERcorp alone:\n${scoreTable(base[p].scores())}`);
    console.log(`\n'${p}', model trained on ANERcorp + the other ${seeds.length - 1} articles (leave-one-article-out):\n${scoreTable(withSeeds[p].scores())}`);
  }
  process.exit(0);
}
const folds = Number(arg('cv', '0'));
if (folds > 1) {
  const feats = all.map(toTraining);
  const f1: Record<string, number[]> = {};
  for (let k = 0; k < folds; k++) {
    const from = Math.round((k * all.length) / folds);
    const to = Math.round(((k + 1) * all.length) / folds);
    const w = train(withCopies([...raw.slice(0, from), ...raw.slice(to)], [...feats.slice(0, from), ...feats.slice(to)]));
    const s = scoreModel(w, all.slice(from, to), feats.slice(from, to)).strict;
    for (const label of Object.keys(s)) (f1[label] ??= []).push(s[label].f1);
    console.log(`fold ${k + 1}/${folds}: strict F1 ${(s[OVERALL].f1 * 100).toFixed(2)}`);
  }
  const mean = (xs: number[]) => (100 * xs.reduce((a, b) => a + b, 0)) / xs.length;
  console.log(`\n${folds}-fold cross-validation, ${epochs} epochs: mean strict F1 ` + Object.entries(f1).map(([l, xs]) => `${l} ${mean(xs).toFixed(2)}`).join(', '));
  process.exit(0);
}
const nDev = Math.round(all.length * devFraction);
const trainPart = all.slice(0, all.length - nDev);
const dev = all.slice(all.length - nDev);
console.log(`ANERcorp: ${all.length} sentences, ${all.reduce((n, s) => n + s.tokens.length, 0)} tokens; train ${trainPart.length}, dev ${dev.length} sentences`);
const trainFeats = trainPart.map(toTraining);
const devFeats = dev.map(toTraining);
console.log(`features in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

let bestEpoch = 1;
let bestF1 = -1;
const model = trainEnsemble(withCopies(raw.slice(0, trainPart.length), trainFeats), {
  epochs,
  buckets,
  seed,
  members,
  onEpoch: (epoch, w) => {
    const f1 = scoreModel(w, dev, devFeats).strict[OVERALL].f1;
    console.log(`epoch ${epoch}: dev strict F1 (first member) ${(f1 * 100).toFixed(2)}`);
    if (f1 > bestF1) {
      bestF1 = f1;
      bestEpoch = epoch;
    }
  },
});
console.log(`\nmodel alone on dev (train part, ${epochs} epochs):\n${scoreTable(scoreModel(model, dev, devFeats))}`);

const shippedMeta = { data: 'ANERcorp train (CAMeL-style split)', seed, members, buckets, augment, trainedOn: final ? 'all of train' : 'train minus dev' };
const finalWeights = final ? train(withCopies(raw, [...trainFeats, ...devFeats])) : model;
const packed = pack(finalWeights, { ...shippedMeta, epochs, devF1: Math.round(bestF1 * 10000) / 10000 }, 0);
const json = JSON.stringify(packed);
writeFileSync(out, json + '\n');
console.log(`\nwrote ${out}: ${(json.length / 1024).toFixed(0)} KB, ${packed.meta.nonZeroBuckets} non-zero buckets (${epochs} epochs; best on dev: epoch ${bestEpoch})`);

// the combination policies, measured with the train-part model (the dev split is not in its training data)
setDefaultModel(model);
if (process.argv.includes('--policies')) for (const [name, policy, rules] of [
  ['gazetteer + rules, no model', 'off', true],
  ["'only': the model's spans (gazetteer as features)", 'only', true],
  ["'fill': gazetteer + rules first, model fills gaps", 'fill', true],
  ["'first': model first, gazetteer + rules fill gaps", 'first', true],
] as const) {
  const s = scoreTagger(policy, rules, dev);
  console.log(`\n${name}: dev strict F1 ${(s.strict[OVERALL].f1 * 100).toFixed(2)}\n${scoreTable(s)}`);
}
