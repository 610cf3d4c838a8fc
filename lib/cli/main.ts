/**
 * The `arabic-ner` command line. Exit codes: 0 ok, 1 bad usage, 2 bad input (with a one-line reason on stderr).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start as startRepl } from 'node:repl';
import { SingleBar, Presets } from 'cli-progress';
import { Command, CommanderError } from 'commander';
import { checkFile, InputError, readDocs, type InputDoc, type InputFormat } from './input';
import { createPool, defaultWorkers, type Tagged } from './pool';
import type * as Lib from '../index';
import { splitGoldLines } from '../eval/gold';

// The library is loaded from the built bundle beside this file (dist/index.js), so the data ships once.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib: typeof Lib = require('./index.js');

const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
const SEED_GOLD = join(__dirname, '..', 'corpus', 'seeds-gold.jsonl');

const FORMATS = ['pretty', 'json', 'jsonl', 'conll', 'bio', 'brat', 'html', 'spacy'] as const;
type Format = (typeof FORMATS)[number];

function useColour(): boolean {
  return !!process.stdout.isTTY && !process.env.NO_COLOR;
}

function readInput(file: string): string {
  checkFile(file);
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

function progressBar(file: string, total: number): { update(n: number): void; stop(): void } {
  const bar = new SingleBar({ format: `${file} [{bar}] {percentage}% | {value}/{total} bytes | {eta}s left`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (n) => bar.update(n), stop: () => bar.stop() };
}

/**
 * Writes tagged documents in one format as they come. Formats with one record per input document (jsonl, spacy)
 * gather a plain-text file's entities and write them when the file ends; html holds the file's text to render it.
 */
class Output {
  private first = true;
  private brat = 0;
  constructor(private readonly format: Format) {
    if (format === 'json') process.stdout.write('[');
  }

  async file(file: string, kind: InputFormat, tagged: AsyncIterable<Tagged<InputDoc>>): Promise<void> {
    const gathered: Lib.Entity[] = [];
    let text = '';
    for await (const { input: d, doc, entitiesJSON } of tagged) {
      const shifted = () => (d.offset ? doc.entities.map((e) => ({ ...e, start: e.start + d.offset, end: e.end + d.offset })) : doc.entities);
      switch (this.format) {
        case 'pretty':
          process.stdout.write(lib.toPretty(doc, useColour()) + '\n');
          break;
        case 'conll':
          process.stdout.write(lib.toConll(doc));
          break;
        case 'bio':
          process.stdout.write(lib.toConll(doc).replace(/\t/g, ' '));
          break;
        case 'brat':
          for (const e of shifted()) process.stdout.write(`T${++this.brat}\t${e.label} ${e.start} ${e.end}\t${e.text.replace(/\n/g, ' ')}\n`);
          break;
        case 'html':
          text += d.text;
          gathered.push(...shifted());
          break;
        default:
          if (kind === 'jsonl') this.record(d.id, d.text, () => doc.entities, entitiesJSON);
          else gathered.push(...shifted());
      }
    }
    if (this.format === 'html') process.stdout.write(lib.toHTML({ text, entities: gathered }, { page: true, title: file }));
    else if (kind === 'text' && (this.format === 'json' || this.format === 'jsonl' || this.format === 'spacy')) this.record(file, null, () => gathered);
  }

  /**
   * `entities` is read only when needed: JSON lines are written from `json` (`JSON.stringify` of the entities, made
   * where they were tagged) when there is one, and a worker's entities are then not even parsed.
   */
  private record(id: string, text: string | null, entities: () => Lib.Entity[], json?: string): void {
    if (this.format === 'spacy') {
      process.stdout.write(JSON.stringify({ id, ...(text !== null ? { text } : {}), ents: entities().map(({ start, end, label }) => ({ start, end, label })) }) + '\n');
    } else if (this.format === 'json') {
      process.stdout.write((this.first ? '\n' : ',\n') + JSON.stringify({ id, entities: entities() }, null, 2).replace(/^/gm, '  '));
    } else process.stdout.write(json === undefined ? JSON.stringify({ id, entities: entities() }) + '\n' : `{"id":${JSON.stringify(id)},"entities":${json}}\n`);
    this.first = false;
  }

  end(): void {
    if (this.format === 'json') process.stdout.write(this.first ? ']\n' : '\n]\n');
  }
}

function program(): Command {
  const cmd = new Command('arabic-ner')
    .description('Find the people, places, organisations and military units named in Arabic text.')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cmd
    .command('tag')
    .description('tag text from files or standard input (streamed: plain text, or JSON lines with a "text" field and an "id")')
    .argument('[files...]', "input files ('-' or none: standard input)")
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'pretty')
    .option('-i, --input <kind>', "input kind: text | jsonl (default: jsonl for *.jsonl files, else text)")
    .option('--labels <labels>', 'comma-separated labels to report (PER,LOC,ORG,UNIT)')
    .option('-g, --gazetteer <file>', 'your own gazetteer file (TSV as in gazetteers/README.md, or JSON lines), added to the built-in one; repeatable', (f: string, all: string[]) => [...all, f], [] as string[])
    .option('-m, --model <policy>', MODEL_HELP, 'fill')
    .option('--no-progress', 'no progress bar on stderr')
    .option('-w, --workers <n>', 'worker threads that tag in parallel, output in input order (default: 1 below 4 MB of input or on standard input, else one per core, at most 4)')
    .action(async (files: string[], opts: { format: string; input?: string; labels?: string; gazetteer?: string[]; model: string; progress: boolean; workers?: string }) => {
      const model = modelPolicy(opts.model);
      const labels = opts.labels ? (opts.labels.split(',').map((x) => x.trim().toUpperCase()) as Lib.Label[]) : undefined;
      if (labels && !labels.every((l) => (lib.LABELS as readonly string[]).includes(l))) throw new UsageError(`--labels: unknown label in '${opts.labels}' (known: ${lib.LABELS.join(', ')})`);
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format: unknown format '${opts.format}' (${FORMATS.join(', ')})`);
      if (opts.input !== undefined && opts.input !== 'text' && opts.input !== 'jsonl') throw new UsageError(`--input: must be text or jsonl, got '${opts.input}'`);
      const inputs = files.length ? files : ['-'];
      const sizes = inputs.map(checkFile);
      const workers = opts.workers === undefined ? defaultWorkers(sizes.reduce((a, b) => a + b, 0)) : Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers must be a positive integer, got '${opts.workers}'`);
      const kinds = inputs.map((file): InputFormat => (opts.input as InputFormat | undefined) ?? (/\.jsonl$/i.test(file) ? 'jsonl' : 'text'));
      if (kinds.includes('jsonl') && (opts.format === 'brat' || opts.format === 'html')) throw new UsageError(`--format ${opts.format} takes plain text input (one document a file)`);
      // tokens cross from a worker only when the format writes them (copying them costs as much as tagging)
      // user entries: every line checked first (a bad one stops here with `file:line: reason`, exit 2)
      const entries = (opts.gazetteer ?? []).flatMap((f) => lib.parseGazetteer(readInput(f), { file: f }));
      if (entries.length) {
        try {
          lib.createGazetteer(entries); // ids clashing with built-in ones fail here, before any output
        } catch (e) {
          throw new InputError(`--gazetteer: ${(e as Error).message}`);
        }
      }
      // JSON lines of JSON-lines input are written from the entities' JSON text, made where they were tagged (a plain
      // text file's entities are gathered as objects: text made for it would only be parsed back)
      const entitiesJSON = opts.format === 'jsonl' && kinds.every((k) => k === 'jsonl');
      const pool = createPool({ workers, labels, entries, model, dir: __dirname, tokens: opts.format === 'conll' || opts.format === 'bio' ? 'spans' : false, entitiesJSON });
      const out = new Output(opts.format as Format);
      try {
        for (const [k, file] of inputs.entries()) {
          const bar = opts.progress && process.stderr.isTTY && sizes[k] > 1 << 20 ? progressBar(file, sizes[k]) : null;
          try {
            await out.file(file, kinds[k], pool.tagInOrder(readDocs(file, kinds[k], (n) => bar?.update(n))));
          } finally {
            bar?.stop();
          }
        }
      } finally {
        await pool.close();
      }
      out.end();
    });

  cmd
    .command('repl')
    .description('an interactive prompt: each line typed is tagged and shown')
    .action(() => {
      const colour = useColour();
      const server = startRepl({
        prompt: 'arabic-ner> ',
        eval: (line: string, _ctx: unknown, _file: string, cb: (err: Error | null, result?: unknown) => void) => {
          const text = line.trim();
          cb(null, text ? { [Symbol.for('nodejs.util.inspect.custom')]: () => lib.toPretty(lib.tag(text), colour).trimEnd() } : undefined);
        },
        ignoreUndefined: true,
      });
      return new Promise<void>((resolve) => server.on('exit', () => resolve()));
    });

  cmd
    .command('lookup')
    .description('look a name up in the gazetteer (Arabic or Latin script)')
    .argument('<name...>', 'the name')
    .option('-n, --limit <n>', 'how many results', '5')
    .action((name: string[], opts: { limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer, got '${opts.limit}'`);
      const results = lib.lookup(name.join(' '), { limit });
      if (!results.length) process.stdout.write('no match\n');
      for (const r of results) {
        process.stdout.write(`${r.score.toFixed(2)}  ${r.entry.label.padEnd(4)} ${r.entry.id}  ${r.entry.ar}  ${r.entry.en}  (${r.how}: ${r.name})\n`);
      }
    });

  cmd
    .command('translit')
    .description('transliterate Arabic text')
    .argument('<text...>', 'the text')
    .option('-s, --scheme <scheme>', 'romanize | buckwalter | buckwalter-reverse | rules', 'romanize')
    .action((text: string[], opts: { scheme: string }) => {
      try {
        process.stdout.write(lib.transliterate(text.join(' '), opts.scheme as Lib.Scheme) + '\n');
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(e.message);
        throw e;
      }
    });

  cmd
    .command('bench')
    .description('score the tagger on gold data (default: the seed corpus) and measure its speed')
    .option('-g, --gold <file>', "gold data: JSON lines (*.jsonl, corpus/GUIDELINES.md format) or CoNLL/BIO ('token TAG' lines, blank lines between sentences, as ANERcorp), scored as CoNLL scores it: whole tokens, UNIT as ORG, PERS as PER, MISC left out")
    .option('-m, --model <policy>', `${MODEL_HELP} (default: only for CoNLL/BIO gold, which follows ANERcorp's conventions as the model does; fill for JSON lines, which follow corpus/GUIDELINES.md as the gazetteer and rules do)`)
    .option('--seconds <s>', 'how long to time tag() for', '1')
    .action((opts: { gold?: string; model?: string; seconds: string }) => {
      const file = opts.gold ?? SEED_GOLD;
      const content = readInput(file);
      // JSON lines, or CoNLL/BIO ('token TAG' lines), told by the file's first non-blank character
      const conll = !file.endsWith('.jsonl') && content.trimStart()[0] !== '{';
      const model = modelPolicy(opts.model ?? (conll ? 'only' : 'fill'));
      // CoNLL data marks sentences, not documents: each sentence is tagged alone
      const docs = conll ? splitGoldLines(lib.readConll(content, { file })) : lib.parseGoldJsonl(content, file);
      const seconds = Number(opts.seconds);
      if (!(seconds >= 0)) throw new UsageError(`--seconds must be a number >= 0, got '${opts.seconds}'`);
      const how = conll ? ' (CoNLL scoring: whole tokens, UNIT as ORG)' : '';
      const runs: Array<[string, Lib.EvaluateOptions]> = [[`arabic-ner ${pkg.version} on ${file}${how}: ${POLICY_TITLES[model]}`, { model }]];
      // the other of the two policies each kind of gold is scored with, for comparison
      const other = model === 'only' ? 'fill' : conll ? 'only' : undefined;
      if (other) runs.push([POLICY_TITLES[other], { model: other }]);
      if (model !== 'off') runs.push([POLICY_TITLES.off, { model: 'off' }]);
      runs.push(['gazetteer only', { model: 'off', rules: false }]);
      for (const [title, options] of runs) process.stdout.write(lib.formatEvaluation(lib.evaluate(docs, { ...options, conll, seconds }), title) + '\n\n');
    });

  return cmd;
}

const MODEL_POLICIES = ['fill', 'first', 'only', 'off'] as const;
const POLICY_TITLES: Record<Lib.ModelPolicy, string> = {
  fill: "full tag(), policy 'fill' (gazetteer and rules decide, the model fills gaps: the tagger's default)",
  first: "full tag(), policy 'first' (the model decides, gazetteer and rules fill gaps)",
  only: "the model alone, policy 'only' (gazetteer and rules as its features)",
  off: 'without the model (gazetteer + rules)',
};
const MODEL_HELP = "how the trained model combines with the gazetteer and rules: fill (they decide, the model fills gaps) | first (the model decides, they fill gaps) | only (the model alone: closest to ANERcorp's conventions) | off";

function modelPolicy(value: string): Lib.ModelPolicy {
  if (!(MODEL_POLICIES as readonly string[]).includes(value)) throw new UsageError(`--model must be one of ${MODEL_POLICIES.join(', ')}, got '${value}'`);
  return value as Lib.ModelPolicy;
}

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof UsageError) {
      process.stderr.write(`arabic-ner: ${e.message}\n`);
      return 1;
    }
    if (e instanceof InputError || (e as { code?: string }).code === 'ERR_FORMAT' || (e as { code?: string }).code === 'ERR_GAZETTEER') {
      process.stderr.write(`arabic-ner: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

// a closed pipe (`arabic-ner tag big.txt | head`) ends the output quietly, as Unix tools do
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`arabic-ner: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
