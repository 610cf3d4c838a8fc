/**
 * A tagging worker of the CLI's pool (lib/cli/pool.ts). Built to dist/worker.js; like the CLI it loads the library
 * from the bundle beside it (dist/index.js), so the data ships once.
 *
 * Protocol: it receives `{ seq, texts }` (a batch of documents) and answers `{ seq, docs, error? }`, one doc
 * (`tokens`, `sentences`, `entities`; the text stays with the caller) per text in order, stopping at the first text
 * that throws, whose position and error are in `error`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type * as Lib from '../index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib: typeof Lib = require('./index.js');

export interface WorkerInit {
  labels?: string[];
  /** user gazetteer entries added to the built-in ones */
  entries?: Lib.EntryInput[];
  /** the model policy */
  model?: Lib.ModelPolicy;
  /**
   * what to send back besides the entities (default true: everything). 'spans': tokens without their clitic
   * analyses (`analyses: []`), and sentences: enough for CoNLL/BIO. false: entities only (empty tokens and sentences).
   */
  tokens?: boolean | 'spans';
  /** send the entities as their JSON text (`entitiesJSON`) instead of as objects */
  entitiesJSON?: boolean;
}

export interface BatchRequest {
  seq: number;
  texts: string[];
}

export interface WorkerError {
  index: number;
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/** A tagged document as it goes back: the entities as objects, or as their JSON text (`WorkerInit.entitiesJSON`). */
export type WorkerDoc = Pick<Lib.Doc, 'tokens' | 'sentences'> & ({ entities: Lib.Entity[] } | { entitiesJSON: string });

export interface BatchReply {
  seq: number;
  docs: WorkerDoc[];
  error?: WorkerError;
}

const init = (workerData ?? {}) as WorkerInit;
const tagger = lib.createTagger({
  ...(init.labels ? { labels: init.labels as Lib.Label[] } : {}),
  ...(init.entries?.length ? { gazetteer: lib.createGazetteer(init.entries) } : {}),
  ...(init.model ? { model: init.model } : {}),
});
const keep = init.tokens ?? true;
const asJSON = init.entitiesJSON ?? false;
const port = parentPort;
if (!port) throw new Error('lib/cli/worker.ts runs as a worker thread (see lib/cli/pool.ts)');

/**
 * The part of a Doc that goes back. Tokens with their clitic analyses are most of a Doc: copying them to the main
 * thread (structured clone) costs about as much CPU as tagging does, which is why the CLI asks for less when its
 * output format does not need them. Entities as JSON text cost the main thread one string copy instead of a clone
 * of their objects and their serialisation: the CLI writes JSON lines from it as they are.
 */
function slim(d: Lib.Doc): WorkerDoc {
  const entities = asJSON ? { entitiesJSON: JSON.stringify(d.entities) } : { entities: d.entities };
  if (keep === false) return { tokens: [], sentences: [], ...entities };
  // plain objects: a token builds its analyses when read, and a structured clone reads no getters
  const tokens = d.tokens.map((t) => ({ text: t.text, start: t.start, end: t.end, norm: t.norm, kind: t.kind, analyses: keep === true ? t.analyses : [] }));
  return { tokens, sentences: d.sentences, ...entities };
}

port.on('message', (m: BatchRequest) => {
  const docs: BatchReply['docs'] = [];
  let error: WorkerError | undefined;
  for (let i = 0; i < m.texts.length; i++) {
    try {
      const d = tagger.tag(m.texts[i]);
      docs.push(slim(d));
    } catch (e) {
      const err = e as Error & { code?: unknown };
      error = { index: i, name: err?.name ?? 'Error', message: err?.message ?? String(e), stack: err?.stack, code: typeof err?.code === 'string' ? err.code : undefined };
      break;
    }
  }
  const reply: BatchReply = { seq: m.seq, docs, error };
  port.postMessage(reply);
});
