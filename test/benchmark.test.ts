/** The seed corpus: the gold data is sound, and the tagger does not fall below the score it reached. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, OVERALL, parseGoldJsonl } from '../lib/index';

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

/** The floor: the score the tagger reached when this was last raised, less a small margin. */
const FLOOR = 0.96;
