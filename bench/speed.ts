/**
 * Speed and scale of the BUILT library (dist/index.js, what users run), against the limit and against peers.
 *
 *   npm run build && npx tsx bench/speed.ts [--text FILE]     (writes bench/results.md; about 1.5–2.5 minutes)
 *
 * `--text FILE` adds rows on other real text (plain text, one document a line, or CoNLL `token TAG` lines with blank
 * lines between sentences, one document a sentence): repeated seed articles flatter the word-form caches, text with
 * a real vocabulary does not. The file is read only when given (e.g. the ANERcorp training part).
 *
 * Input: the `text` of every record of corpus/seeds-gold.jsonl, repeated until the input holds ≥ 10 MB of UTF-8;
 * each seed article is one document and tag() is called once per document, as users call it.
 *
 * Rows (tinybench: warm-up, then several passes over the whole input; the median pass is reported):
 *   (a) the limit: a bare Unicode-regex split plus one Map lookup per token (the Map holds the gazetteer's name words)
 *   (b) tokenize()
 *   (c) createTagger({ rules: false, model: 'off' }).tag: the gazetteer alone
 *   (d) tag(): gazetteer + rules + model
 *   (e) peers doing the gazetteer job with the same Arabic names (smaller inputs: they are slower; see the notes)
 *
 * Tokens/s always counts the same unit, the tokens of the regex in (a) over the input a row ran on, so rows compare.
 * MB is 10^6 bytes of UTF-8 input.
 *
 * Also measured: cold start (fresh `node -e`: require + first tag(), and the same through Node's ESM entry; median of
 * 5), peak RSS and heap after tagging the 10 MB input and, with --text, that text (fresh child processes), and the size
 * of dist/ (raw and gzip -9).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { Bench, type Task } from 'tinybench';
import * as lib from '../dist/index.js';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const SEEDS = join(ROOT, 'corpus', 'seeds-gold.jsonl');
const TARGET_BYTES = 10 * 1024 * 1024;
/** wink-ner, wink-nlp: ≥ 1 MB of the same articles */
const PEER_BYTES = 1024 * 1024;
const MB = 1e6;

const WORD = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

// ---------------------------------------------------------------------------------------------------------------------
// input

const seeds: string[] = readFileSync(SEEDS, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

function repeatTo(bytes: number): string[] {
  const docs: string[] = [];
  let n = 0;
  while (n < bytes) for (const s of seeds) {
    docs.push(s);
    n += Buffer.byteLength(s);
  }
  return docs;
}

interface Input {
  name: string;
  docs: string[];
  bytes: number;
  /** regex tokens (the common unit of tokens/s) */
  tokens: number;
}

function input(name: string, docs: string[]): Input {
  let bytes = 0;
  let tokens = 0;
  for (const d of docs) {
    bytes += Buffer.byteLength(d);
    tokens += d.match(WORD)?.length ?? 0;
  }
  return { name, docs, bytes, tokens };
}

const big = input('10 MB', repeatTo(TARGET_BYTES));
const peerInput = input('1 MB', repeatTo(PEER_BYTES));
const seedInput = input('seed articles ×1', seeds);

const textArg = process.argv.indexOf('--text');
const realInput = textArg >= 0 ? input(`${process.argv[textArg + 1].split('/').pop()}`, readDocs(process.argv[textArg + 1])) : null;

/** Documents of a text file: CoNLL (`token TAG`) sentences, or non-empty lines. */
function readDocs(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const conll = lines.filter((l) => l.trim()).slice(0, 100).every((l) => /^\S+[ \t](O|[BI]-\w+)$/.test(l));
  if (!conll) return lines.filter((l) => l.trim());
  const docs: string[] = [];
  let words: string[] = [];
  for (const l of lines) {
    if (l.trim()) words.push(l.slice(0, l.search(/[ \t]\S+$/)));
    else if (words.length) {
      docs.push(words.join(' '));
      words = [];
    }
  }
  if (words.length) docs.push(words.join(' '));
  return docs;
}
const paragraphs = input(
  'seed paragraphs ×1',
  seeds.flatMap((s) => s.split('\n')).filter((p) => p.trim()),
);

// ---------------------------------------------------------------------------------------------------------------------
// the gazetteer's Arabic names, for (a) and the peers

interface Name {
  text: string;
  label: string;
  id: string;
}
const names: Name[] = [];
let entryCount = 0;
for (const e of lib.createGazetteer()) {
  entryCount++;
  for (const n of [e.ar, ...e.arVariants]) if (n) names.push({ text: n, label: e.label, id: e.id });
}
const nameWords = new Map<string, string>();
for (const n of names) for (const w of n.text.match(WORD) ?? []) nameWords.set(w, n.label);

// ---------------------------------------------------------------------------------------------------------------------
// measurement

interface Row {
  key: string;
  what: string;
  input: Input;
  /** median ms per pass over the input */
  ms: number;
  passes: number;
  /** what a pass found (tokens, entities, matches): a sanity check that the work was done */
  found: string;
  note?: string;
}

const rows: Row[] = [];
const notes: string[] = [];

async function measure(
  key: string,
  what: string,
  inp: Input,
  pass: () => unknown,
  opts: { iterations: number; warmup: number; note?: string; found?: () => string },
): Promise<Row> {
  const bench = new Bench({ iterations: opts.iterations, time: 0, warmupIterations: opts.warmup, warmupTime: 0, warmup: opts.warmup > 0, throws: true });
  bench.add(what, pass as () => Promise<void>);
  const [task] = (await bench.run()) as Task[];
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${what}: ${r.state}`);
  const row: Row = { key, what, input: inp, ms: r.latency.p50, passes: r.latency.samplesCount, found: opts.found ? opts.found() : '', note: opts.note };
  rows.push(row);
  process.stdout.write(`  ${key.padEnd(4)} ${what.padEnd(48)} ${(inp.bytes / MB / (row.ms / 1000)).toPrecision(3).padStart(8)} MB/s  (${inp.name}, median of ${row.passes} passes: ${fmt(row.ms, 0)} ms)  ${row.found}\n`);
  return row;
}

function fmt(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** entities found, and per MB of input (rows run on inputs of different sizes) */
function perMB(n: number, inp: Input): string {
  return `${fmt(n, 0)} entities (${fmt(n / (inp.bytes / MB), 0)} per MB)`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------------------------------------------------------------
// rows a–d

async function ours(): Promise<void> {
  let hits = 0;
  await measure(
    '(a)',
    'limit: regex split + 1 Map lookup / token',
    big,
    () => {
      hits = 0;
      const re = new RegExp(WORD.source, 'gu');
      for (const d of big.docs) {
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(d)) !== null) if (nameWords.get(m[0]) !== undefined) hits++;
      }
    },
    { iterations: 7, warmup: 2, found: () => `${fmt(hits, 0)} tokens found in the Map` },
  );

  let toks = 0;
  await measure(
    '(b)',
    'tokenize()',
    big,
    () => {
      toks = 0;
      for (const d of big.docs) toks += lib.tokenize(d).length;
    },
    { iterations: 5, warmup: 1, found: () => `${fmt(toks, 0)} tokens (regex: ${fmt(big.tokens, 0)})` },
  );

  const gaz = lib.createTagger({ rules: false, model: 'off' });
  let ents = 0;
  await measure(
    '(c)',
    "createTagger({ rules: false, model: 'off' }).tag",
    big,
    () => {
      ents = 0;
      for (const d of big.docs) ents += gaz.tag(d).entities.length;
    },
    { iterations: 5, warmup: 1, found: () => perMB(ents, big) },
  );

  let all = 0;
  await measure(
    '(d)',
    'tag() (gazetteer + rules + model)',
    big,
    () => {
      all = 0;
      for (const d of big.docs) all += lib.tag(d).entities.length;
    },
    { iterations: 5, warmup: 1, found: () => perMB(all, big) },
  );

  if (!realInput) return;
  const forms = new Set(realInput.docs.flatMap((d) => d.match(WORD) ?? [])).size;
  notes.push(
    `(d1), (d2) read ${realInput.name} (given with --text): ${fmt(realInput.docs.length, 0)} documents, ${fmt(realInput.tokens, 0)} tokens, ` +
      `${fmt(forms, 0)} distinct words. (d1) makes a new tagger for each pass, so every word form is read for the first time ` +
      '(the shared gazetteer index and the romaniser\'s cache are warm after the warm-up pass); (d2) is the default tagger after the warm-up pass.',
  );
  let cold = 0;
  await measure(
    '(d1)',
    'tag(), a new tagger each pass: every word form new',
    realInput,
    () => {
      const tagger = lib.createTagger();
      cold = 0;
      for (const d of realInput.docs) cold += tagger.tag(d).entities.length;
    },
    { iterations: 3, warmup: 1, found: () => `${perMB(cold, realInput)}; ${fmt(forms, 0)} distinct words (${fmt((100 * forms) / realInput.tokens, 1)}% of the tokens)` },
  );
  let warm = 0;
  await measure(
    '(d2)',
    'tag(), word forms already read',
    realInput,
    () => {
      warm = 0;
      for (const d of realInput.docs) warm += lib.tag(d).entities.length;
    },
    { iterations: 5, warmup: 1, found: () => perMB(warm, realInput) },
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// (e) peers

function tryRequire<T>(id: string): T | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id) as T;
  } catch {
    return null;
  }
}

function version(id: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${id}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
async function nlpjs(): Promise<void> {
  const core = tryRequire<any>('@nlpjs/core');
  const nerPkg = tryRequire<any>('@nlpjs/ner');
  const ar = tryRequire<any>('@nlpjs/lang-ar');
  if (!core || !nerPkg) {
    notes.push('@nlpjs/ner not installed: skipped (`npm i --no-save @nlpjs/ner @nlpjs/core @nlpjs/lang-ar`).');
    return;
  }
  const container = await core.containerBootstrap();
  if (ar) container.use(ar.LangAr);
  const ner = new nerPkg.Ner({ container });
  // One enum option per entry, with its Arabic names. Pre-normalised to NFD: the enum extractor normalises the text to
  // NFD *after* computing word positions, so any hamza letter (أ إ آ ؤ ئ decompose into two code units) shifts every
  // later position and names after it are missed; on NFD input the two agree.
  const byEntry = new Map<string, { label: string; texts: string[] }>();
  for (const n of names) {
    const e = byEntry.get(n.id) ?? { label: n.label, texts: [] };
    e.texts.push(n.text.normalize('NFD'));
    byEntry.set(n.id, e);
  }
  for (const [id, e] of byEntry) ner.addRuleOptionTexts('ar', e.label, id, e.texts);
  const run = async (docs: string[]): Promise<number> => {
    let n = 0;
    for (const d of docs) n += (await ner.process({ locale: 'ar', text: d.normalize('NFD'), threshold: 1 })).entities.length;
    return n;
  };
  const label = `@nlpjs/ner ${version('@nlpjs/ner')}${ar ? ` + lang-ar ${version('@nlpjs/lang-ar')}` : ''}`;
  let found = 0;
  await measure('(e1)', `${label}, per paragraph`, paragraphs, async () => void (found = await run(paragraphs.docs)), {
    iterations: 7,
    warmup: 2,
    found: () => perMB(found, paragraphs),
  });
  const inParagraphs = found;
  await measure('(e2)', `${label}, per article`, seedInput, async () => void (found = await run(seedInput.docs)), {
    iterations: 2,
    warmup: 1,
    found: () => perMB(found, seedInput),
  });
  const raw = await (async () => {
    let n = 0;
    for (const d of paragraphs.docs) n += (await ner.process({ locale: 'ar', text: d, threshold: 1 })).entities.length;
    return n;
  })();
  notes.push(
    `@nlpjs/ner: threshold 1 (exact; its default 0.8 runs an edit distance against every name). Its enum extractor tries every ` +
      `word span i..j of a document against the dictionary, so its cost grows with the square of the document's length ` +
      `(and more, since each span string is hashed): (e2) feeds it the 5 seed articles once (${fmt(seedInput.bytes / 1000, 1)} kB), ` +
      `(e1) the same articles cut at line breaks (${paragraphs.docs.length} paragraphs). Text and names pre-normalised to NFD ` +
      `(without that it found ${raw} entities in the paragraphs instead of ${inParagraphs}: it computes word positions before its own NFD step).`,
  );
}

async function wink(): Promise<void> {
  const winkNER = tryRequire<any>('wink-ner');
  const winkTokenizer = tryRequire<any>('wink-tokenizer');
  if (!winkNER || !winkTokenizer) {
    notes.push('wink-ner / wink-tokenizer not installed: skipped (`npm i --no-save wink-ner wink-tokenizer`).');
  } else {
    const tokenizer = winkTokenizer();
    const ner = winkNER();
    ner.learn(names.map((n) => ({ text: n.text, entityType: n.label, uid: n.id })));
    let found = 0;
    await measure(
      '(e3)',
      `wink-ner ${version('wink-ner')} + wink-tokenizer ${version('wink-tokenizer')}`,
      peerInput,
      () => {
        found = 0;
        for (const d of peerInput.docs) for (const t of ner.recognize(tokenizer.tokenize(d))) if (t.entityType) found++;
      },
      { iterations: 5, warmup: 1, found: () => perMB(found, peerInput) },
    );
    const sample = tokenizer.tokenize('في تدمر، يوم 14 كانون الأول/ديسمبر.') as { value: string; tag: string }[];
    notes.push(
      `wink-tokenizer reads Arabic letters as tag "alien" and does not split the Arabic comma (U+060C) off a word: ` +
        `'في تدمر، يوم 14 كانون الأول/ديسمبر.' → ${sample.map((t) => `${t.value}/${t.tag}`).join(' ')}; so a name before ، is missed. ` +
        `wink-ner learned ${names.length} names; no clitic handling (بتدمر, لداعش are not found).`,
    );
  }

  const winkNLP = tryRequire<any>('wink-nlp');
  const model = tryRequire<any>('wink-eng-lite-web-model');
  if (!winkNLP || !model) {
    notes.push('wink-nlp / wink-eng-lite-web-model not installed: skipped.');
    return;
  }
  const nlp = winkNLP(model, []); // an empty pipe: the tokenizer alone
  let toks = 0;
  await measure(
    '(e4)',
    `wink-nlp ${version('wink-nlp')} tokenizer (eng-lite model, empty pipe)`,
    peerInput,
    () => {
      toks = 0;
      for (const d of peerInput.docs) toks += nlp.readDoc(d).tokens().length();
    },
    { iterations: 5, warmup: 1, found: () => `${fmt(toks, 0)} tokens (regex: ${fmt(peerInput.tokens, 0)})` },
  );
  const d = nlp.readDoc('في تدمر، يوم 14 كانون الأول/ديسمبر.');
  notes.push(
    `wink-nlp (English model) tokenizes Arabic by white space and punctuation it knows: 'في تدمر، يوم 14 كانون الأول/ديسمبر.' → ` +
      `${(d.tokens().out() as string[]).map((t, i) => `${t}/${(d.tokens().out(nlp.its.type) as string[])[i]}`).join(' ')}. ` +
      `Arabic words are type "unk", the Arabic comma stays glued to the word; no clitics, no normalisation. It has no gazetteer ` +
      `matcher of its own beyond custom-entity patterns, so only its tokenizer is measured.`,
  );
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------------------------------------------------
// cold start, memory, size

interface Cold {
  processMs: number;
  nodeMs: number;
  requireMs: number;
  firstTagMs: number;
  /** the same through Node's ESM entry (dist/index.node.mjs, what `import 'arabic-ner'` loads in Node) */
  importMs: number;
  importFirstTagMs: number;
}

/** the cold start's first text: a rule-found person no gazetteer lists (so the romaniser loads too), a gazetteer
 * organisation and place, a proclitic */
const COLD_TEXT = 'قال القيادي أبو فراس الحلبي إن التحالف قصف مواقع لداعش في تدمر';

function coldStart(runs = 5): Cold {
  const file = join(DIST, 'index.js');
  const code =
    `const t0 = performance.now(); const lib = require(${JSON.stringify(file)}); const t1 = performance.now();` +
    `lib.tag(${JSON.stringify(COLD_TEXT)}); const t2 = performance.now();` +
    `process.stdout.write(JSON.stringify({ require: t1 - t0, tag: t2 - t1 }));`;
  const esm =
    `const t0 = performance.now(); const lib = await import(${JSON.stringify(pathToFileURL(join(DIST, 'index.node.mjs')).href)}); const t1 = performance.now();` +
    `lib.tag(${JSON.stringify(COLD_TEXT)}); const t2 = performance.now();` +
    `process.stdout.write(JSON.stringify({ require: t1 - t0, tag: t2 - t1 }));`;
  const wall: number[] = [];
  const bare: number[] = [];
  const req: number[] = [];
  const first: number[] = [];
  const imp: number[] = [];
  const impFirst: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    execFileSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - t);
    t = performance.now();
    const out = execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    wall.push(performance.now() - t);
    const r = JSON.parse(out) as { require: number; tag: number };
    req.push(r.require);
    first.push(r.tag);
    const e = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', esm], { encoding: 'utf8' })) as { require: number; tag: number };
    imp.push(e.require);
    impFirst.push(e.tag);
  }
  return { processMs: median(wall), nodeMs: median(bare), requireMs: median(req), firstTagMs: median(first), importMs: median(imp), importFirstTagMs: median(impFirst) };
}

interface Memory {
  streamed: { rssMB: number; heapMB: number; heapAfterGcMB: number; ms: number };
  retained: { rssMB: number; heapMB: number; heapAfterGcMB: number; ms: number };
  baseline: { rssMB: number; heapMB: number };
}

/**
 * Peak RSS and heap after tagging documents in a fresh process (no peers, no tinybench): the 10 MB input, or the
 * documents of `--text` (written to a temporary JSON file the child reads). Each document is tagged once, in order.
 */
function memory(docs: 'seeds' | string[]): Memory {
  let source = `const seeds = require('fs').readFileSync(${JSON.stringify(SEEDS)}, 'utf8').split('\\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text);
    const docs = []; let n = 0;
    while (n < ${TARGET_BYTES}) for (const s of seeds) { docs.push(s); n += Buffer.byteLength(s); }`;
  let tmp: string | undefined;
  if (docs !== 'seeds') {
    tmp = join(mkdtempSync(join(tmpdir(), 'arabic-ner-bench-')), 'docs.json');
    writeFileSync(tmp, JSON.stringify(docs));
    source = `const docs = JSON.parse(require('fs').readFileSync(${JSON.stringify(tmp)}, 'utf8'));`;
  }
  const code = (keep: boolean) => `
    const lib = require(${JSON.stringify(join(DIST, 'index.js'))});
    ${source}
    lib.tag('تدمر');
    global.gc(); const base = process.memoryUsage();
    const kept = []; const t = performance.now();
    for (const d of docs) { const doc = lib.tag(d); if (${keep}) kept.push(doc); }
    const ms = performance.now() - t;
    const heap = process.memoryUsage().heapUsed; global.gc();
    process.stdout.write(JSON.stringify({ ms, peakRss: process.resourceUsage().maxRSS * 1024, heap, heapAfterGc: process.memoryUsage().heapUsed, kept: kept.length, baseRss: base.rss, baseHeap: base.heapUsed }));`;
  const run = (keep: boolean) => {
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', code(keep)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as { ms: number; peakRss: number; heap: number; heapAfterGc: number; baseRss: number; baseHeap: number };
  };
  try {
    const s = run(false);
    const k = run(true);
    const m = (b: number) => b / 1048576;
    return {
      streamed: { rssMB: m(s.peakRss), heapMB: m(s.heap), heapAfterGcMB: m(s.heapAfterGc), ms: s.ms },
      retained: { rssMB: m(k.peakRss), heapMB: m(k.heap), heapAfterGcMB: m(k.heapAfterGc), ms: k.ms },
      baseline: { rssMB: m(s.baseRss), heapMB: m(s.baseHeap) },
    };
  } finally {
    if (tmp) rmSync(dirname(tmp), { recursive: true, force: true });
  }
}

function distSize(): { file: string; kb: number; gzKb: number }[] {
  return readdirSync(DIST)
    .filter((f) => statSync(join(DIST, f)).isFile())
    .sort()
    .map((f) => {
      const buf = readFileSync(join(DIST, f));
      return { file: f, kb: buf.length / 1024, gzKb: gzipSync(buf, { level: 9 }).length / 1024 };
    });
}

// ---------------------------------------------------------------------------------------------------------------------

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '?';
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const env = `node ${process.version}, ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${fmt(totalmem() / 2 ** 30, 1)} GiB; arabic-ner ${pkg.version} (dist built ${statSync(join(DIST, 'index.js')).mtime.toISOString()}, commit ${commit()} + working tree)`;
  process.stdout.write(`${env}\n`);
  process.stdout.write(
    `input: ${big.docs.length} documents (the ${seeds.length} seed articles repeated), ${fmt(big.bytes / MB, 2)} MB, ${fmt(big.tokens, 0)} regex tokens; ` +
      `gazetteer: ${entryCount} entries, ${names.length} Arabic names, ${nameWords.size} distinct name words\n\n`,
  );

  await ours();
  await wink();
  await nlpjs();

  process.stdout.write('\ncold start …\n');
  const cold = coldStart();
  process.stdout.write('memory …\n');
  const mem = memory('seeds');
  const realMem = realInput ? memory(realInput.docs) : null;
  const size = distSize();

  const limit = rows[0];
  const rate = (r: Row) => r.input.bytes / MB / (r.ms / 1000);
  const tokRate = (r: Row) => r.input.tokens / (r.ms / 1000);
  const table = [
    '| | what | input | median pass | tokens/s | MB/s | × limit (MB/s) |',
    '|---|---|---|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.key} | ${r.what} | ${r.input.name} (${fmt(r.input.bytes / MB, 3)} MB, ${r.input.docs.length} docs) | ${fmt(r.ms, r.ms < 100 ? 1 : 0)} ms | ${fmt(tokRate(r), 0)} | ${rate(r) >= 0.1 ? fmt(rate(r), 2) : rate(r).toPrecision(2)} | ${
          r === limit ? '1' : rate(r) / rate(limit) >= 0.1 ? fmt(rate(r) / rate(limit), 2) : `1/${fmt(rate(limit) / rate(r), 0)}`
        } |`,
    ),
  ].join('\n');
  const found = rows.map((r) => `- ${r.key}: ${r.found}`).join('\n');
  const other = [
    `- cold start (fresh \`node -e\`: require dist/index.js + first tag() of a sentence naming a person no gazetteer lists, so that the romaniser loads too; median of 5): ` +
      `**${fmt(cold.requireMs + cold.firstTagMs, 0)} ms** in the process (require ${fmt(cold.requireMs, 0)} ms + first tag ${fmt(cold.firstTagMs, 0)} ms); ` +
      `whole process ${fmt(cold.processMs, 0)} ms wall, of which node itself (\`node -e 0\`) ${fmt(cold.nodeMs, 0)} ms; ` +
      `through Node's ESM entry (\`import\`): **${fmt(cold.importMs + cold.importFirstTagMs, 0)} ms** (import ${fmt(cold.importMs, 0)} ms + first tag ${fmt(cold.importFirstTagMs, 0)} ms)`,
    `- memory, tagging the 10 MB input in a fresh process (\`--expose-gc\`, no peers), results discarded as they come (streaming): ` +
      `peak RSS **${fmt(mem.streamed.rssMB, 0)} MB**, heap used after the run ${fmt(mem.streamed.heapMB, 0)} MB (${fmt(mem.streamed.heapAfterGcMB, 0)} MB after GC); ` +
      `after loading + one tag(): RSS ${fmt(mem.baseline.rssMB, 0)} MB, heap ${fmt(mem.baseline.heapMB, 0)} MB`,
    `- same, keeping every Doc (tokens, sentences, entities) of the 10 MB: peak RSS **${fmt(mem.retained.rssMB, 0)} MB**, heap ${fmt(mem.retained.heapMB, 0)} MB (${fmt(mem.retained.heapAfterGcMB, 0)} MB after GC, ` +
      `i.e. ≈ ${fmt((mem.retained.heapAfterGcMB - mem.streamed.heapAfterGcMB) / (big.bytes / 1048576), 0)}× the input's size)`,
    ...(realInput && realMem
      ? [
          `- memory on ${realInput.name} (--text: ${fmt(realInput.docs.length, 0)} documents, ${fmt(realInput.tokens, 0)} tokens, every word form new to the process), streaming: ` +
            `peak RSS **${fmt(realMem.streamed.rssMB, 0)} MB**, heap used after the run ${fmt(realMem.streamed.heapMB, 0)} MB (${fmt(realMem.streamed.heapAfterGcMB, 0)} MB after GC: ` +
            'the word-form caches, which keep at most two generations of 40,000 forms, and the gazetteer index parsed so far)',
        ]
      : []),
    `- dist/: ${size.map((s) => `${s.file} ${fmt(s.kb, 1)} KB (gzip ${fmt(s.gzKb, 1)} KB)`).join(', ')}; ` +
      `total ${fmt(size.reduce((a, s) => a + s.kb, 0), 1)} KB (gzip ${fmt(size.reduce((a, s) => a + s.gzKb, 0), 1)} KB)`,
  ].join('\n');

  const md = [
    '# Speed and scale',
    '',
    `Made by \`npx tsx bench/speed.ts\` (see bench/README.md) on ${new Date().toISOString().slice(0, 10)}: ${env}.`,
    '',
    `Input: ${big.docs.length} documents (the ${seeds.length} seed articles of corpus/seeds-gold.jsonl repeated), ${fmt(big.bytes / MB, 2)} MB of UTF-8, ` +
      `${fmt(big.tokens, 0)} tokens by the regex of (a); tag() is called once per document. Gazetteer: ${entryCount} entries, ` +
      `${names.length} Arabic names (\`ar\` + \`arVariants\`), ${nameWords.size} distinct name words. ` +
      'Tokens/s counts the regex tokens of the input the row ran on (one unit for every row); MB = 10^6 bytes. ' +
      'Median of several tinybench passes after warm-up.',
    '',
    table,
    '',
    'What each pass found (a check that the work was done):',
    '',
    found,
    '',
    'Notes:',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '## Start-up, memory, size',
    '',
    other,
    '',
    "The CLI's worker pool (lib/cli/pool.ts) on ≥ 100 MB: see bench/README.md.",
    '',
  ].join('\n');
  writeFileSync(join(__dirname, 'results.md'), md);
  process.stdout.write(`\n${table}\n\n${found}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n\n${other}\n\nwrote bench/results.md (${fmt((performance.now() - started) / 1000, 0)} s)\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
