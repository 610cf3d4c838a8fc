/** The fast featurizer (cached per-word profiles) gives exactly the features of the readable definition. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFeatures, gazetteerTags, systemTags, tokenFeatures, triggerTags, type FeatureContext } from '../lib/model/features';
import { defaultGazetteer } from '../lib/gazetteer/gazetteer';
import { defaultLexicon } from '../lib/lexicon';
import { ruleLexicons } from '../lib/tagger/lexicons';
import { choose, complete, resolve } from '../lib/tagger/resolve';
import { ruleStage } from '../lib/tagger/tagger';
import { scan } from '../lib/tokens';
import { defaultModel, featurize, isPlausibleName, modelCandidates, modelTags } from '../lib/model/model';
import { decode, TAGS, train, trainEnsemble, viterbi, type TrainingSentence } from '../lib/model/perceptron';
import { bioMentions, replaceMentions, type BioSentence } from '../lib/model/augment';

test('allFeatures equals tokenFeatures on the seed articles', () => {
  const lex = ruleLexicons();
  const texts = readFileSync(join(__dirname, '..', 'corpus', 'seeds-gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
  for (const text of [...texts, 'تدمر', '']) {
    const tokens = scan(text, defaultLexicon());
    const { matched, candidates } = ruleStage(text, tokens, defaultGazetteer(), lex);
    const ctx: FeatureContext = {
      tokens,
      lex,
      gaz: gazetteerTags(tokens.length, matched),
      trig: triggerTags(tokens, lex),
      sys: systemTags(tokens.length, resolve(tokens, candidates, lex)),
      wordLabels: (k) => defaultGazetteer().wordLabels(k),
    };
    const fast = allFeatures(ctx);
    // twice: the second run reads the cache
    const again = allFeatures(ctx);
    tokens.forEach((_, i) => {
      const slow: number[] = [];
      tokenFeatures(ctx, i, (h) => slow.push(h | 0));
      expect([...fast[i]].sort()).toEqual(slow.sort());
      expect([...again[i]]).toEqual([...fast[i]]);
    });
  }
});

test('the tagger\'s cached scoring gives the same tags as decoding the full features', () => {
  const lex = ruleLexicons();
  const weights = defaultModel()!;
  const wordLabels = (k: string) => defaultGazetteer().wordLabels(k);
  const texts = readFileSync(join(__dirname, '..', 'corpus', 'seeds-gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
  for (const text of texts) {
    const tokens = scan(text, defaultLexicon());
    const { matched, candidates } = ruleStage(text, tokens, defaultGazetteer(), lex);
    const input = { matches: matched, resolved: resolve(tokens, candidates, lex), wordLabels };
    const slow = decode(weights, featurize(tokens, lex, input));
    expect([...modelTags(tokens, weights, lex, input)]).toEqual([...slow]);
    expect([...modelTags(tokens, weights, lex, input)]).toEqual([...slow]); // from the cached sums
  }
});

test('an ensemble is the sum of its members, each trained on its own shuffle', () => {
  // a toy task: feature 1 marks B-PER, feature 2 I-PER, feature 3 O; sentences of various lengths
  const data: TrainingSentence[] = [];
  for (let n = 1; n <= 12; n++) {
    const gold = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 2 : 0));
    data.push({ gold, feats: [...gold].map((g, i) => Int32Array.of(g === 1 ? 1 : g === 2 ? 2 : 3, 10 + ((n * 7 + i) % 5))) });
  }
  const opt = { epochs: 3, buckets: 16, seed: 5 };
  const one = train(data, opt);
  expect(trainEnsemble(data, { ...opt, members: 1 })).toEqual(one);
  const other = train(data, { ...opt, seed: 6 });
  const two = trainEnsemble(data, { ...opt, members: 2 });
  expect(Array.from(two.emission)).toEqual(Array.from(one.emission, (v, i) => v + other.emission[i]));
  expect(Array.from(two.transitions)).toEqual(Array.from(one.transitions, (v, i) => v + other.transitions[i]));
  // different shuffles give different members, or the test above would prove nothing
  expect(Array.from(other.emission)).not.toEqual(Array.from(one.emission));
  // and the ensemble still decodes its training data
  for (const s of data) expect([...decode(two, s.feats)]).toEqual([...s.gold]);
});

test('mention replacement swaps each name for one of its type from the sentences, keeps the rest, and is seeded', () => {
  const bio = (line: string): BioSentence => {
    const pairs = line.split(' ').map((p) => p.split('/'));
    return { words: pairs.map((p) => p[0]), tags: pairs.map((p) => p[1] ?? 'O') };
  };
  const sentences = [
    bio('قال/O جورج/B-PERS بوش/I-PERS في/O واشنطن/B-LOC'),
    bio('وصل/O بلير/B-PERS إلى/O بغداد/B-LOC مع/O وفد/O الأمم/B-ORG المتحدة/I-ORG'),
    bio('شاهد/O كأس/B-MISC العالم/I-MISC في/O باريس/B-LOC'),
    bio('لا/O أسماء/O هنا/O'),
  ];
  const names = (type: string) => new Set(sentences.flatMap((s) => bioMentions(s).filter((m) => m.type === type).map((m) => s.words.slice(m.start, m.end).join(' '))));
  const copies = replaceMentions(sentences, ['PERS', 'LOC', 'ORG'], 3, 1);
  // three copies of each sentence that holds a name; none of the one without
  expect(copies).toHaveLength(9);
  copies.forEach((c, k) => {
    const from = sentences[k % 3];
    expect(c.words).toHaveLength(c.tags.length);
    const kept = (s: BioSentence) => s.words.filter((_, i) => s.tags[i] === 'O' || s.tags[i].endsWith('MISC'));
    expect(kept(c)).toEqual(kept(from));
    expect(bioMentions(c).map((m) => m.type)).toEqual(bioMentions(from).map((m) => m.type));
    for (const m of bioMentions(c)) expect(names(m.type).has(c.words.slice(m.start, m.end).join(' '))).toBe(true);
  });
  // MISC stays as it was
  expect(copies[2].words.slice(1, 3)).toEqual(['كأس', 'العالم']);
  expect(replaceMentions(sentences, ['PERS', 'LOC', 'ORG'], 3, 1)).toEqual(copies);
  expect(replaceMentions(sentences, ['PERS', 'LOC', 'ORG'], 3, 2)).not.toEqual(copies);
});

test('the unrolled Viterbi finds the best BIO-valid path (against an exhaustive search on short random inputs)', () => {
  const K = TAGS.length;
  const valid = (prev: number, cur: number) => !TAGS[cur].startsWith('I-') || (prev >= 0 && TAGS[prev].slice(2) === TAGS[cur].slice(2));
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 4 - 2;
  for (let run = 0; run < 300; run++) {
    const n = 1 + (run % 5);
    const w = { buckets: 1, emission: new Float64Array(K), scale: 1, transitions: Float64Array.from({ length: (K + 1) * K }, () => Math.round(rand() * 4) / 4) };
    const em = Float64Array.from({ length: n * K }, () => Math.round(rand() * 4) / 4);
    const path = viterbi(w, em, n);
    const score = (p: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        if (!valid(i ? p[i - 1] : -1, p[i])) return -Infinity;
        s += em[i * K + p[i]] + w.transitions[(i ? p[i - 1] : K) * K + p[i]];
      }
      return s;
    };
    let best = -Infinity;
    const p = new Array<number>(n).fill(0);
    for (let code = 0; code < K ** n; code++) {
      for (let i = 0, c = code; i < n; i++, c = Math.floor(c / K)) p[i] = c % K;
      best = Math.max(best, score(p));
    }
    expect(score(path)).toBe(best);
  }
});

test('model spans that are no names fail the guard: an adverbial accusative, unless a gazetteer name starts there', () => {
  const lex = ruleLexicons();
  const tokens = scan('ثم تاليا سوريا', defaultLexicon());
  const tags = Uint8Array.from([0, TAGS.indexOf('B-LOC'), TAGS.indexOf('B-LOC')]);
  const spans = modelCandidates(tokens, tags);
  expect(spans.map((c) => tokens[c.tokenStart].text)).toEqual(['تاليا', 'سوريا']);
  expect(spans.filter((c) => isPlausibleName(tokens, c, lex, defaultGazetteer())).map((c) => tokens[c.tokenStart].text)).toEqual(['سوريا']);
});

test('a model span right after a noun of weapons or vehicles names a product and fails the guard; the same words elsewhere pass', () => {
  const lex = ruleLexicons();
  const text = 'و30 عربة بي ام بي وبطائرات سوخوي من طراز ميغ ومدافع الكونغو ثم بي ام بي';
  const tokens = scan(text, defaultLexicon());
  const at = (w: string, from = 0) => tokens.findIndex((t, i) => i >= from && t.text === w);
  const tags = new Uint8Array(tokens.length);
  const mark = (i: number, n: number) => {
    tags[i] = TAGS.indexOf('B-ORG');
    for (let k = 1; k < n; k++) tags[i + k] = TAGS.indexOf('I-ORG');
  };
  mark(at('بي'), 3);
  mark(at('سوخوي'), 1);
  mark(at('ميغ'), 1);
  mark(at('الكونغو'), 1);
  mark(at('بي', at('ثم')), 3);
  const spans = modelCandidates(tokens, tags);
  const text_ = (c: { start: number; end: number }) => text.slice(c.start, c.end);
  expect(spans.map(text_)).toEqual(['بي ام بي', 'سوخوي', 'ميغ', 'الكونغو', 'بي ام بي']);
  // after عربة، وبطائرات (proclitics), طراز: products; مدافع is also "defender", so it is no such noun
  expect(spans.filter((c) => isPlausibleName(tokens, c, lex, defaultGazetteer())).map(text_)).toEqual(['الكونغو', 'بي ام بي']);
});

test('one choice completed alone and then with the model spans resolves as two full resolutions do', () => {
  const lex = ruleLexicons();
  const w = defaultModel()!;
  const wordLabels = (k: string) => defaultGazetteer().wordLabels(k);
  const texts = readFileSync(join(__dirname, '..', 'corpus', 'seeds-gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
  let filled = 0;
  for (const text of texts) {
    const tokens = scan(text, defaultLexicon());
    const { matched, candidates } = ruleStage(text, tokens, defaultGazetteer(), lex);
    const choice = choose(tokens, candidates, lex);
    const alone = complete(choice);
    expect(alone).toEqual(resolve(tokens, candidates, lex));
    const fromModel = modelCandidates(tokens, modelTags(tokens, w, lex, { matches: matched, resolved: alone, wordLabels }));
    const withModel = complete(choice, fromModel);
    expect(withModel).toEqual(resolve(tokens, candidates, lex, fromModel));
    // completing leaves the choice as it was
    expect(complete(choice)).toEqual(alone);
    filled += withModel.filter((c) => c.source === 'model').length;
  }
  // the model did fill gaps, so the second completion differed from the first
  expect(filled).toBeGreaterThan(0);
});

test("a completion whose lower layer names a new person finds that person's surname elsewhere (the kept surname spots are not reused)", () => {
  const lex = ruleLexicons();
  const text = 'قال زيد الخطيب ثم عاد نزار قطيش وقال قطيش إن الخطيب غادر';
  const tokens = scan(text, defaultLexicon());
  const at = (w: string) => tokens.findIndex((t) => t.text === w);
  const person = (from: number, to: number) => ({ start: tokens[from].start, end: tokens[to - 1].end, tokenStart: from, tokenEnd: to, label: 'PER' as const, source: 'model' as const, score: 0.9 });
  const choice = choose(tokens, [{ ...person(at('زيد'), at('زيد') + 2), source: 'gazetteer' }], lex);
  const names = (cs: { start: number; end: number }[]) => cs.map((c) => text.slice(c.start, c.end));
  expect(names(complete(choice))).toEqual(['زيد الخطيب', 'الخطيب']);
  expect(names(complete(choice, [person(at('نزار'), at('نزار') + 2)]))).toEqual(['زيد الخطيب', 'نزار قطيش', 'قطيش', 'الخطيب']);
});
