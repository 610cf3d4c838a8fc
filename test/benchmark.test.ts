/** The seed corpus: the gold data is sound, and the tagger does not fall below the score it reached. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, OVERALL, parseGoldJsonl, readConll } from '../lib/index';

const docs = parseGoldJsonl(readFileSync(join(__dirname, '..', 'corpus', 'seeds-gold.jsonl'), 'utf8'), 'corpus/seeds-gold.jsonl');

test('the gold: 5 documents, 310 mentions, sorted and non-overlapping, each slicing back', () => {
  expect(docs).toHaveLength(5);
  expect(docs.reduce((n, d) => n + d.entities.length, 0)).toBe(310);
  for (const d of docs) {
    let end = 0;
    for (const e of d.entities) {
      expect(e.start).toBeGreaterThanOrEqual(end);
      expect(d.text.slice(e.start, e.end)).toBe(e.text);
      end = e.end;
    }
  }
});

test('the gold text is the seed article text', () => {
  for (const d of docs) {
    const file = JSON.parse(readFileSync(join(__dirname, '..', 'corpus', 'seeds-gold.jsonl'), 'utf8').split('\n').find((l) => l.includes(`"id": "${d.id}"`))!).source;
    expect(readFileSync(join(__dirname, '..', 'corpus', 'seeds', file), 'utf8')).toBe(d.text);
  }
});

test('strict F1 on the seeds stays at or above the floor', () => {
  const { scores } = evaluate(docs, { seconds: 0 });
  expect(scores.strict[OVERALL].f1).toBeGreaterThanOrEqual(FLOOR);
});

test('CoNLL scoring uses the model alone unless told otherwise; docs must be an array', () => {
  // written for this test: ANERcorp tags the place alone (غزة), the project's guidelines the whole name (قطاع غزة)
  const conll = [readConll('وقالت O\nالصحيفة O\nإن O\nقطاع O\nغزة B-LOC\nعلى O\nوشك O\nالانفجار O\n', { file: 'gaza.txt' })];
  const f1 = (options: Parameters<typeof evaluate>[1]) => evaluate(conll, { seconds: 0, conll: true, ...options }).scores.strict[OVERALL].f1;
  expect(f1({})).toBe(1);
  expect(f1({ model: 'only' })).toBe(1);
  expect(f1({ model: 'fill' })).toBe(0);
  expect(() => evaluate('gold.txt' as never)).toThrow(/evaluate: argument 'docs' must be an array/);
});

/** The floor: the score the tagger reached when this was last raised, less a small margin. */
const FLOOR = 0.96;
