/**
 * The CLI's worker pool (lib/cli/pool.ts) on the BUILT worker and library: dist/worker.js and dist/index.js must exist
 * (`npm run build`; dist/worker.js comes from the tsup entry `worker: 'lib/cli/worker.ts'`).
 *
 * Checked: results in input order and equal to in-process tag(); bounded documents in flight (backpressure on the
 * input); a document that throws in a worker rejects the iteration after the documents before it; a missing worker
 * rejects; an input error comes after the documents before it; workers end when the iteration ends (also on break),
 * and a process that uses the pool exits by itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Lib from '../lib/index';
import { createPool, defaultWorkers, PARALLEL_MIN_BYTES, tagInOrder, type PoolDoc, type Tagged } from '../lib/cli/pool';

// every Worker the pool starts, and whether it has exited
const mockWorkers: { exited: boolean }[] = [];
jest.mock('node:worker_threads', () => {
  const actual = jest.requireActual('node:worker_threads');
  class Tracked extends actual.Worker {
    constructor(...args: unknown[]) {
      super(...args);
      const rec = { exited: false };
      mockWorkers.push(rec);
      this.once('exit', () => (rec.exited = true));
    }
  }
  return { ...actual, Worker: Tracked };
});

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const built = existsSync(join(DIST, 'worker.js')) && existsSync(join(DIST, 'index.js'));
if (!built) throw new Error('test/pool.test.ts needs dist/index.js and dist/worker.js: run `npm run build` (with the worker tsup entry)');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require(join(DIST, 'index.js')) as typeof Lib;

const plain = (d: Lib.Doc) => JSON.parse(JSON.stringify({ text: d.text, tokens: d.tokens, sentences: d.sentences, entities: d.entities }));

const seeds = lib.parseGoldJsonl(readFileSync(join(ROOT, 'corpus', 'seeds-gold.jsonl'), 'utf8'), 'seeds').map((d) => d.text);
/** documents of every size: articles, paragraphs, sentences, one word, empty */
const texts: string[] = [
  ...seeds,
  ...seeds.flatMap((s) => s.split('\n')),
  ...seeds.flatMap((s) => s.split(/(?<=[.،])\s+/)).slice(0, 150),
  'تدمر',
  '',
  'قصف التحالف مواقع لداعش في تدمر',
  seeds.join('\n'),
];
const docs: PoolDoc[] = texts.map((text, i) => ({ id: `d${i}`, text, offset: i }));

/** An async input that sometimes has the next document at once and sometimes waits (I/O), counting reads. */
function source<T>(items: T[], stats = { pulled: 0, returned: false }) {
  return {
    stats,
    async *[Symbol.asyncIterator]() {
      try {
        for (const [i, d] of items.entries()) {
          if (i % 7 === 3) await new Promise((r) => setTimeout(r, 1));
          stats.pulled++;
          yield d;
        }
      } finally {
        stats.returned = true;
      }
    },
  };
}

async function collect<T extends PoolDoc>(it: AsyncIterable<Tagged<T>>): Promise<Tagged<T>[]> {
  const out: Tagged<T>[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const expected = texts.map((t) => plain(lib.tag(t)));

const tmpDirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'arabic-ner-pool-'));
  tmpDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

describe('worker pool', () => {
  jest.setTimeout(60_000);

  test('two workers: input order, and the same results as in-process tag()', async () => {
    const before = mockWorkers.length;
    const out = await collect(tagInOrder(source(docs), { workers: 2, dir: DIST, batchChars: 3000, batchDocs: 16 }));
    expect(mockWorkers.length - before).toBe(2);
    expect(out.map((x) => x.input.id)).toEqual(docs.map((d) => d.id));
    expect(out.map((x) => x.input)).toEqual(docs);
    expect(out.map((x) => plain(x.doc))).toEqual(expected);
    // the workers are gone once the iteration is over
    expect(mockWorkers.slice(before).every((w) => w.exited)).toBe(true);
  });

  test('a sync iterable, labels, and one worker thread', async () => {
    const out = await collect(tagInOrder(docs.slice(0, 40), { workers: 1, threads: true, dir: DIST, labels: ['LOC'] }));
    const want = texts.slice(0, 40).map((t) => plain(lib.tag(t, { labels: ['LOC'] })));
    expect(out.map((x) => plain(x.doc))).toEqual(want);
    expect(out.flatMap((x) => x.doc.entities).every((e) => e.label === 'LOC')).toBe(true);
  });

  test('workers: 1 tags in this thread, with the same results', async () => {
    const before = mockWorkers.length;
    const out = await collect(tagInOrder(source(docs), { workers: 1, dir: DIST }));
    expect(mockWorkers.length).toBe(before);
    expect(out.map((x) => x.input.id)).toEqual(docs.map((d) => d.id));
    expect(out.map((x) => plain(x.doc))).toEqual(expected);
  });

  test('tokens: false keeps the entities only', async () => {
    const out = await collect(tagInOrder(source(docs.slice(0, 30)), { workers: 2, dir: DIST, tokens: false }));
    expect(out.map((x) => x.doc.entities)).toEqual(expected.slice(0, 30).map((d) => d.entities));
    expect(out.every((x) => x.doc.tokens.length === 0 && x.doc.sentences.length === 0 && x.doc.text === x.input.text)).toBe(true);
    const one = await collect(tagInOrder(docs.slice(0, 5), { workers: 1, dir: DIST, tokens: false }));
    expect(one.map((x) => plain(x.doc))).toEqual(out.slice(0, 5).map((x) => plain(x.doc)));
  });

  test('entitiesJSON: the entities as their JSON text too, made where they were tagged; doc.entities parses it', async () => {
    const want = expected.slice(0, 30).map((d) => JSON.stringify(d.entities));
    for (const workers of [2, 1]) {
      const out = await collect(tagInOrder(source(docs.slice(0, 30)), { workers, dir: DIST, tokens: false, entitiesJSON: true }));
      expect(out.map((x) => x.entitiesJSON)).toEqual(want);
      expect(out.map((x) => x.doc.entities)).toEqual(expected.slice(0, 30).map((d) => d.entities));
    }
    const without = await collect(tagInOrder(docs.slice(0, 3), { workers: 2, dir: DIST }));
    expect(without.every((x) => x.entitiesJSON === undefined)).toBe(true);
  });

  test("tokens: 'spans' is enough for CoNLL", async () => {
    const out = await collect(tagInOrder(source(docs.slice(0, 30)), { workers: 2, dir: DIST, tokens: 'spans' }));
    expect(out.map((x) => lib.toConll(x.doc))).toEqual(texts.slice(0, 30).map((t) => lib.toConll(lib.tag(t))));
    expect(out.every((x) => x.doc.tokens.every((t) => t.analyses.length === 0 && x.input.text.slice(t.start, t.end) === t.text))).toBe(true);
  });

  test('an interactive input is not held back: a document comes out before the next one comes in', async () => {
    let release: (() => void) | null = null;
    async function* interactive() {
      for (const d of docs.slice(0, 6)) {
        yield d;
        await new Promise<void>((r) => (release = r)); // the next line is typed once this one is answered
      }
    }
    const seen: string[] = [];
    for await (const x of tagInOrder(interactive(), { workers: 2, dir: DIST })) {
      seen.push(x.input.id);
      release!();
    }
    expect(seen).toEqual(docs.slice(0, 6).map((d) => d.id));
  });

  test('backpressure: no more than maxDocs documents between the input and the consumer', async () => {
    const src = source(docs);
    let most = 0;
    let consumed = 0;
    for await (const x of tagInOrder(src, { workers: 2, dir: DIST, maxDocs: 12, batchDocs: 4 })) {
      consumed++;
      most = Math.max(most, src.stats.pulled - consumed);
      expect(x.input.id).toBe(`d${consumed - 1}`);
      if (consumed % 10 === 0) await new Promise((r) => setTimeout(r, 5)); // a slow consumer
    }
    expect(consumed).toBe(docs.length);
    expect(most).toBeLessThanOrEqual(12);
    expect(most).toBeGreaterThan(1); // and it does run ahead
  });

  test('an error in a worker rejects the iteration, after the documents before it', async () => {
    const before = mockWorkers.length;
    const bad = [...docs.slice(0, 30), { id: 'bad', text: 42 as unknown as string, offset: 0 }, ...docs.slice(30, 60)];
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const x of tagInOrder(source(bad), { workers: 2, dir: DIST, batchDocs: 8 })) seen.push(x.input.id);
      })(),
    ).rejects.toThrow(TypeError);
    expect(seen).toEqual(docs.slice(0, 30).map((d) => d.id));
    expect(mockWorkers.slice(before).every((w) => w.exited)).toBe(true);
    // the message is the library's own
    let message = '';
    try {
      lib.tag(42 as unknown as string);
    } catch (e) {
      message = (e as Error).message;
    }
    await expect(collect(tagInOrder([{ id: 'x', text: 42 as unknown as string, offset: 0 }], { workers: 2, dir: DIST }))).rejects.toThrow(message);
  });

  test('a worker that cannot start rejects the iteration', async () => {
    const dir = tmp();
    await expect(collect(tagInOrder(source(docs.slice(0, 5)), { workers: 2, dir }))).rejects.toThrow();
  });

  test('an input error comes after the documents read before it', async () => {
    async function* broken() {
      yield* docs.slice(0, 5);
      throw new Error('bad input line 6');
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const x of tagInOrder(broken(), { workers: 2, dir: DIST })) seen.push(x.input.id);
      })(),
    ).rejects.toThrow('bad input line 6');
    expect(seen).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
  });

  test('leaving early stops the input and the workers', async () => {
    const before = mockWorkers.length;
    const src = source(docs);
    let n = 0;
    for await (const x of tagInOrder(src, { workers: 2, dir: DIST, maxDocs: 20 })) {
      expect(x.input.id).toBe(`d${n}`);
      if (++n === 3) break;
    }
    expect(src.stats.returned).toBe(true);
    expect(src.stats.pulled).toBeLessThan(docs.length);
    expect(mockWorkers.length - before).toBe(2);
    expect(mockWorkers.slice(before).every((w) => w.exited)).toBe(true);
  });

  test('a pool serves several inputs in turn, then closes', async () => {
    const before = mockWorkers.length;
    const pool = createPool({ workers: 2, dir: DIST });
    const a = await collect(pool.tagInOrder(source(docs.slice(0, 20))));
    const b = await collect(pool.tagInOrder(docs.slice(20, 50)));
    expect([...a, ...b].map((x) => plain(x.doc))).toEqual(expected.slice(0, 50));
    expect(mockWorkers.length - before).toBe(2);
    await pool.close();
    await pool.close();
    expect(mockWorkers.slice(before).every((w) => w.exited)).toBe(true);
    await expect(collect(pool.tagInOrder(docs.slice(0, 1)))).rejects.toThrow('closed');
  });

  test('default workers: 1 for a small input, one per core (at most 4) for a large one', () => {
    expect(defaultWorkers(0)).toBe(1);
    expect(defaultWorkers(PARALLEL_MIN_BYTES - 1)).toBe(1);
    const n = defaultWorkers(PARALLEL_MIN_BYTES);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(4);
    expect(defaultWorkers()).toBe(n);
  });

  test('a process that uses the pool exits by itself, even when it forgets to close one', () => {
    const dir = tmp();
    const script = join(dir, 'run.ts');
    writeFileSync(
      script,
      `import { createPool, tagInOrder } from ${JSON.stringify(join(ROOT, 'lib', 'cli', 'pool'))};
      const docs = Array.from({ length: 50 }, (_, i) => ({ id: String(i), text: 'قصف التحالف مواقع لداعش في تدمر ' + i, offset: 0 }));
      (async () => {
        let n = 0;
        for await (const x of tagInOrder(docs, { workers: 2, dir: ${JSON.stringify(DIST)} })) n += x.doc.entities.length;
        const forgotten = createPool({ workers: 2, dir: ${JSON.stringify(DIST)} });
        for await (const x of forgotten.tagInOrder(docs)) n += x.doc.entities.length;
        process.stdout.write(String(n));
      })();`,
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.error).toBeUndefined(); // no timeout: nothing kept the process alive
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(Number(r.stdout)).toBeGreaterThan(0);
  });
});
