/** The fast featurizer (cached per-word profiles) gives exactly the features of the readable definition. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFeatures, gazetteerTags, tokenFeatures, triggerTags, type FeatureContext } from '../lib/model/features';
import { defaultGazetteer } from '../lib/gazetteer/gazetteer';
import { defaultLexicon } from '../lib/lexicon';
import { ruleLexicons } from '../lib/tagger/lexicons';
import { matchGazetteer } from '../lib/tagger/match';
import { scan } from '../lib/tokens';
import { defaultModel, featurize, modelTags } from '../lib/model/model';
import { decode } from '../lib/model/perceptron';

test('allFeatures equals tokenFeatures on the seed articles', () => {
  const lex = ruleLexicons();
  const texts = readFileSync(join(__dirname, '..', 'corpus', 'seeds-gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);
  for (const text of [...texts, 'تدمر', '']) {
    const tokens = scan(text, defaultLexicon());
    const ctx: FeatureContext = { tokens, lex, gaz: gazetteerTags(tokens.length, matchGazetteer(tokens, defaultGazetteer(), lex)), trig: triggerTags(tokens, lex), wordLabels: (k) => defaultGazetteer().wordLabels(k) };
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
    const gaz = matchGazetteer(tokens, defaultGazetteer(), lex);
    const slow = decode(weights, featurize(tokens, lex, gaz, wordLabels));
    expect([...modelTags(tokens, weights, lex, gaz, wordLabels)]).toEqual([...slow]);
    expect([...modelTags(tokens, weights, lex, gaz, wordLabels)]).toEqual([...slow]); // from the cached sums
  }
});
