/**
 * Parallel tagging for the CLI: a pool of node:worker_threads workers (dist/worker.js, built from lib/cli/worker.ts)
 * tags documents while the main thread reads input and writes output. Results come back IN INPUT ORDER.
 *
 * Memory is bounded: at most `maxDocs` documents / `maxChars` characters are between the input iterator and the
 * consumer (batched, in a worker, or tagged and waiting for an earlier one). The input is pulled only when there is
 * room (backpressure), so a 10 GB file streams through a few MB.
 *
 * Documents go to the workers in batches (≤ `batchChars` characters, ≤ `batchDocs` documents) so that short records
 * (tweets, titles) do not pay one message each; a partial batch is sent as soon as the input does not have the next
 * document ready at once, so an interactive stream (`tail -f | arabic-ner tag`) is not held back.
 *
 * With `workers` ≤ 1 the tagging runs in this thread (no start-up cost, the same results).
 *
 * Errors: a document whose tagging throws makes the iteration reject when its turn comes (the documents before it
 * are yielded first), with the worker's error message, name and `code`; a worker that dies rejects everything in
 * flight; an input error also waits for the documents before it. Leaving the loop early (break, throw) stops the
 * input iterator; the one-shot `tagInOrder` also terminates its workers. Idle workers are unref'd, so a forgotten pool
 * does not keep the process alive.
 */
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as Lib from '../index';
import type { BatchReply, BatchRequest, WorkerDoc, WorkerError, WorkerInit } from './worker';

export interface PoolDoc {
  id: string;
  text: string;
  offset: number;
}

export interface PoolOptions {
  /** worker threads; ≤ 1 tags in this thread (see `threads` to force one worker thread) */
  workers: number;
  /** the labels to report (as `createTagger({ labels })`) */
  labels?: string[];
  /** user gazetteer entries added to the built-in ones (as `createGazetteer(entries)`) */
  entries?: Lib.EntryInput[];
  /** the model policy (as `createTagger({ model })`) */
  model?: Lib.ModelPolicy;
  /** the directory of the built `index.js` and `worker.js` (default: this file's directory, i.e. dist/ once built) */
  dir?: string;
  /**
   * what each Doc keeps besides its text and entities (default true: everything). 'spans': tokens without their
   * clitic analyses (`analyses: []`) and sentences, enough for CoNLL/BIO; false: no tokens, no sentences (empty
   * arrays), enough for every other output format. Copying full tokens back from a worker costs about as much CPU
   * as tagging them (bench/README.md), so ask for less when the output does not need them. (In this thread nothing
   * is copied and 'spans' keeps the analyses.)
   */
  tokens?: boolean | 'spans';
  /**
   * also give each document's entities as their JSON text (`Tagged.entitiesJSON`), made where the document was
   * tagged: the main thread then neither copies entity objects from a worker nor serialises them (`doc.entities` is
   * parsed from the text when read). Default false.
   */
  entitiesJSON?: boolean;
  /** use worker threads even for `workers: 1` (default: only when `workers` ≥ 2) */
  threads?: boolean;
  /** characters per batch sent to a worker (default 32,768; a longer document goes alone) */
  batchChars?: number;
  /** documents per batch (default 256) */
  batchDocs?: number;
  /** most documents in flight (default 1,024 per worker) */
  maxDocs?: number;
  /** most characters in flight (default 4 × `batchChars` per worker) */
  maxChars?: number;
}

/** A tagged document: the input record and its Doc (a plain object when it comes from a worker). */
export interface Tagged<T extends PoolDoc = PoolDoc> {
  input: T;
  doc: Lib.Doc;
  /** `JSON.stringify(doc.entities)`, when the pool was made with `entitiesJSON` */
  entitiesJSON?: string;
}

export interface Pool {
  /** Tags documents in input order. One run at a time. */
  tagInOrder<T extends PoolDoc>(docs: AsyncIterable<T> | Iterable<T>): AsyncGenerator<Tagged<T>>;
  /** Stops the workers; safe to call twice. */
  close(): Promise<void>;
  /** worker threads (0 when tagging in this thread) */
  readonly threads: number;
}

/** Below this much input, worker threads cost more than they save (bench/README.md: break-even ≈ 2–5 MB on 2 cores). */
export const PARALLEL_MIN_BYTES = 4 << 20;

/**
 * A default for `--workers`: one per core, at most 4, for an input of at least PARALLEL_MIN_BYTES (pass its size);
 * 1 (tag in this thread) for a smaller one. The main thread only reads, parses and writes, so it needs no core of its
 * own; each worker holds its own copy of the library (~300 MB of peak RSS on news articles), hence the cap. Each
 * worker also starts cold (loading, JIT, lazily built indexes), which small inputs do not repay.
 * Without `totalBytes` (e.g. standard input, size unknown): the per-core figure.
 */
export function defaultWorkers(totalBytes?: number): number {
  if (totalBytes !== undefined && totalBytes < PARALLEL_MIN_BYTES) return 1;
  const n = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(4, n));
}

/** Tags `docs` on a pool made for this run, closed when the iteration ends (however it ends). */
export async function* tagInOrder<T extends PoolDoc>(docs: AsyncIterable<T> | Iterable<T>, opts: PoolOptions): AsyncGenerator<Tagged<T>> {
  const pool = createPool(opts);
  try {
    yield* pool.tagInOrder(docs);
  } finally {
    await pool.close();
  }
}

/** A pool that can tag several inputs in turn (one per file), starting its workers once. */
export function createPool(opts: PoolOptions): Pool {
  const workers = Math.floor(opts.workers);
  if (!(workers >= 0)) throw new RangeError(`workers must be a number ≥ 0, got ${String(opts.workers)}`);
  const dir = opts.dir ?? __dirname;
  if (workers <= 1 && !opts.threads) return inProcess(dir, opts);
  return new ThreadPool(Math.max(1, workers), dir, opts);
}

// ---------------------------------------------------------------------------------------------------------------------

function inProcess(dir: string, opts: PoolOptions): Pool {
  const { labels, entries, model } = opts;
  const keep = opts.tokens ?? true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require(join(dir, 'index.js')) as typeof Lib;
  const tagger = lib.createTagger({
    ...(labels ? { labels: labels as Lib.Label[] } : {}),
    ...(entries?.length ? { gazetteer: lib.createGazetteer(entries) } : {}),
    ...(model ? { model } : {}),
  });
  return {
    threads: 0,
    async *tagInOrder<T extends PoolDoc>(docs: AsyncIterable<T> | Iterable<T>) {
      for await (const input of docs) {
        const doc = tagger.tag(input.text);
        // in this thread nothing is copied: only `false` is worth a new object (it lets the tokens go at once)
        const tagged: Tagged<T> = { input, doc: keep === false ? { text: doc.text, tokens: [], sentences: [], entities: doc.entities } : doc };
        if (opts.entitiesJSON) tagged.entitiesJSON = JSON.stringify(doc.entities);
        yield tagged;
      }
    },
    close: async () => {},
  };
}

interface Batch {
  seq: number;
  chars: number;
  slot: Slot | null;
  resolve(r: BatchReply): void;
  reject(e: Error): void;
  /** the reply (or failure), settled */
  done: Promise<BatchReply>;
  /** settles when `done` does, never rejects */
  settled: Promise<void>;
}

interface Slot {
  worker: Worker;
  /** batches sent and not answered, by seq */
  outstanding: Map<number, Batch>;
  chars: number;
}

class ThreadPool implements Pool {
  readonly threads: number;
  private readonly slots: Slot[] = [];
  private seq = 0;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private running = false;
  private readonly batchChars: number;
  private readonly batchDocs: number;
  private readonly maxDocs: number;
  private readonly maxChars: number;

  constructor(n: number, dir: string, opts: PoolOptions) {
    this.threads = n;
    this.batchChars = opts.batchChars ?? 1 << 15;
    this.batchDocs = opts.batchDocs ?? 256;
    this.maxDocs = opts.maxDocs ?? 1024 * n;
    this.maxChars = opts.maxChars ?? 4 * n * this.batchChars;
    const init: WorkerInit = { labels: opts.labels, tokens: opts.tokens ?? true, entries: opts.entries, model: opts.model, entitiesJSON: opts.entitiesJSON };
    for (let i = 0; i < n; i++) {
      // a bounded young generation (V8 grows its own several times larger under this allocation rate). Two workers
      // on 105 MB of articles: 8 MB gave 446 → ~400 MB peak RSS at the same speed (fourth session); with the tagger
      // of the eleventh, 16 MB is 8% faster than 8 (5.4 against 5.9 s) at 285 against 320–330 MB
      const worker = new Worker(join(dir, 'worker.js'), { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
      const slot: Slot = { worker, outstanding: new Map(), chars: 0 };
      worker.on('message', (m: BatchReply) => this.answer(slot, m));
      worker.on('error', (e: Error) => this.fail(e));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`arabic-ner: a tagging worker stopped (exit code ${code})`));
      });
      // after the listeners: adding a 'message' listener refs the worker's port again
      worker.unref();
      this.slots.push(slot);
    }
  }

  private answer(slot: Slot, m: BatchReply): void {
    const b = slot.outstanding.get(m.seq);
    if (!b) return;
    slot.outstanding.delete(m.seq);
    slot.chars -= b.chars;
    if (slot.outstanding.size === 0) slot.worker.unref();
    b.resolve(m);
  }

  /** A worker failed: everything in flight fails, and so does every later batch. */
  private fail(e: Error): void {
    if (!this.failure) this.failure = e;
    for (const s of this.slots) {
      for (const b of s.outstanding.values()) b.reject(this.failure);
      s.outstanding.clear();
      s.chars = 0;
      s.worker.unref();
    }
  }

  private submit(texts: string[], chars: number): Batch {
    let resolve!: (r: BatchReply) => void;
    let reject!: (e: Error) => void;
    const done = new Promise<BatchReply>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const b: Batch = { seq: this.seq++, chars, slot: null, resolve, reject, done, settled: done.then(noop, noop) };
    if (this.failure) {
      reject(this.failure);
      return b;
    }
    // the worker with the least text waiting
    let slot = this.slots[0];
    for (const s of this.slots) if (s.chars < slot.chars) slot = s;
    b.slot = slot;
    slot.outstanding.set(b.seq, b);
    slot.chars += chars;
    slot.worker.ref();
    const req: BatchRequest = { seq: b.seq, texts };
    slot.worker.postMessage(req);
    return b;
  }

  async *tagInOrder<T extends PoolDoc>(docs: AsyncIterable<T> | Iterable<T>): AsyncGenerator<Tagged<T>> {
    if (this.closing) throw new Error('the pool is closed');
    if (this.running) throw new Error('the pool is already tagging an input');
    this.running = true;
    const it: AsyncIterator<T> | Iterator<T> = Symbol.asyncIterator in docs ? (docs as AsyncIterable<T>)[Symbol.asyncIterator]() : (docs as Iterable<T>)[Symbol.iterator]();
    type Pulled = { k: 'input'; r: IteratorResult<T> } | { k: 'inputError'; e: unknown };
    // documents in flight, in input order, each with its batch and position in it
    const queue: { input: T; batch: Batch; index: number }[] = [];
    let head = 0;
    let inFlightChars = 0;
    let open: { inputs: T[]; texts: string[]; chars: number } = { inputs: [], texts: [], chars: 0 };
    let pending: Promise<Pulled> | null = null;
    let inputDone = false;
    let inputError: { e: unknown } | null = null;

    const flush = () => {
      if (open.texts.length === 0) return;
      const b = this.submit(open.texts, open.chars);
      open.inputs.forEach((input, index) => queue.push({ input, batch: b, index }));
      open = { inputs: [], texts: [], chars: 0 };
    };

    try {
      for (;;) {
        const waiting = queue.length - head + open.texts.length;
        const room = waiting < this.maxDocs && inFlightChars < this.maxChars;
        if (!inputDone && room && !pending) {
          pending = Promise.resolve(it.next()).then(
            (r): Pulled => ({ k: 'input', r }),
            (e): Pulled => ({ k: 'inputError', e }),
          );
        }
        // nothing more will join the open batch now: send it
        if (!pending && open.texts.length) flush();

        const races: Promise<{ k: 'head' } | { k: 'tick' } | Pulled>[] = [];
        if (head < queue.length) races.push(queue[head].batch.settled.then(() => ({ k: 'head' as const })));
        if (pending) races.push(pending);
        if (pending && open.texts.length) races.push(new Promise((res) => setImmediate(() => res({ k: 'tick' as const }))));
        if (races.length === 0) {
          // all yielded
          if (inputError) throw inputError.e;
          return;
        }
        const ev = await Promise.race(races);
        if (ev.k === 'tick') {
          // the input did not have the next document ready at once
          flush();
        } else if (ev.k === 'input') {
          pending = null;
          if (ev.r.done) inputDone = true;
          else {
            const input = ev.r.value;
            const text = input.text;
            const chars = typeof text === 'string' ? text.length : 0;
            if (open.texts.length && open.chars + chars > this.batchChars) flush();
            open.inputs.push(input);
            open.texts.push(text);
            open.chars += chars;
            inFlightChars += chars;
            if (open.chars >= this.batchChars || open.texts.length >= this.batchDocs) flush();
          }
        } else if (ev.k === 'inputError') {
          // the documents before the bad input come first
          pending = null;
          inputDone = true;
          inputError = { e: ev.e };
        } else {
          const { input, batch, index } = queue[head];
          queue[head] = undefined as never;
          head++;
          if (head > 4096 && head * 2 > queue.length) {
            queue.splice(0, head);
            head = 0;
          }
          inFlightChars -= typeof input.text === 'string' ? input.text.length : 0;
          const reply = await batch.done; // settled: rejects when the worker failed
          if (index < reply.docs.length) yield fromWorker(input, reply.docs[index]);
          else throw workerError(reply.error);
        }
      }
    } finally {
      this.running = false;
      if (!inputDone) {
        // stop the input (a file stream closes); not awaited while a read is pending (stdin may never answer)
        const ret = it.return?.();
        if (ret && !pending) await Promise.resolve(ret).catch(noop);
        else if (ret) Promise.resolve(ret).catch(noop);
      }
    }
  }

  close(): Promise<void> {
    if (!this.closing) {
      this.closing = Promise.all(this.slots.map((s) => s.worker.terminate())).then(noop);
      for (const s of this.slots) {
        for (const b of s.outstanding.values()) b.reject(new Error('the pool was closed'));
        s.outstanding.clear();
      }
    }
    return this.closing;
  }
}

function noop(): void {}

/** A document tagged in a worker, with its text again; entities sent as JSON text are parsed when first read. */
function fromWorker<T extends PoolDoc>(input: T, d: WorkerDoc): Tagged<T> {
  if ('entities' in d) return { input, doc: { text: input.text, tokens: d.tokens, sentences: d.sentences, entities: d.entities } };
  const json = d.entitiesJSON;
  let entities: Lib.Entity[] | undefined;
  const doc: Lib.Doc = {
    text: input.text,
    tokens: d.tokens,
    sentences: d.sentences,
    get entities() {
      return (entities ??= JSON.parse(json) as Lib.Entity[]);
    },
    set entities(value) {
      entities = value;
    },
  };
  return { input, doc, entitiesJSON: json };
}

function workerError(e: WorkerError | undefined): Error {
  if (!e) return new Error('arabic-ner: a tagging worker answered without a result');
  const Ctor = e.name === 'TypeError' ? TypeError : e.name === 'RangeError' ? RangeError : Error;
  const err = new Ctor(e.message) as Error & { code?: string };
  if (err.name !== e.name) Object.defineProperty(err, 'name', { value: e.name, configurable: true, writable: true });
  if (e.code !== undefined) err.code = e.code;
  if (e.stack) err.stack = `${e.stack}\n    (in a tagging worker)`;
  return err;
}
