/**
 * The `arabic-ner` command line. Exit codes: 0 ok, 1 bad usage, 2 bad input (with a one-line reason on stderr).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import type * as Lib from '../index';

// The library is loaded from the built bundle beside this file (dist/index.js), so the data ships once.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib: typeof Lib = require('./index.js');

const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
const SEED_GOLD = join(__dirname, '..', 'corpus', 'seeds-gold.jsonl');

class InputError extends Error {}

function readInput(file: string): string {
  if (file === '-') return readFileSync(0, 'utf8');
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new InputError(`${file}: is a directory, not a file`);
  return readFileSync(file, 'utf8');
}

function program(): Command {
  const cmd = new Command('arabic-ner')
    .description('Find the people, places, organisations and military units named in Arabic text.')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cmd
    .command('tag')
    .description('tag text from files or standard input; one document per file (or per line with --jsonl)')
    .argument('[files...]', "input files ('-' or none: standard input)")
    .option('-f, --format <format>', 'output format: json | jsonl | pretty', 'pretty')
    .option('--labels <labels>', 'comma-separated labels to report (PER,LOC,ORG,UNIT)')
    .action((files: string[], opts: { format: string; labels?: string }) => {
      const labels = opts.labels ? (opts.labels.split(',').map((s) => s.trim().toUpperCase()) as Lib.Label[]) : undefined;
      if (labels && !labels.every((l) => (lib.LABELS as readonly string[]).includes(l))) throw new UsageError(`--labels: unknown label in '${opts.labels}' (known: ${lib.LABELS.join(', ')})`);
      if (!['json', 'jsonl', 'pretty'].includes(opts.format)) throw new UsageError(`--format: unknown format '${opts.format}' (json, jsonl, pretty)`);
      const tagger = lib.createTagger(labels ? { labels } : undefined);
      const inputs = files.length ? files : ['-'];
      for (const f of inputs) {
        const doc = tagger.tag(readInput(f));
        const ents = doc.entities;
        if (opts.format === 'json') process.stdout.write(JSON.stringify({ file: f, text: doc.text, entities: ents }, null, 2) + '\n');
        else if (opts.format === 'jsonl') process.stdout.write(JSON.stringify({ file: f, entities: ents }) + '\n');
        else for (const e of ents) process.stdout.write(`${e.label.padEnd(4)}  ${e.text}  [${e.start},${e.end})  ${e.latin}${e.id ? '  ' + e.id : ''}\n`);
      }
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
    .description('score the tagger on gold JSONL (default: the seed corpus) and measure its speed')
    .option('-g, --gold <file>', 'gold JSONL file (corpus/GUIDELINES.md format)')
    .option('--seconds <s>', 'how long to time tag() for', '1')
    .action((opts: { gold?: string; seconds: string }) => {
      const file = opts.gold ?? SEED_GOLD;
      if (!existsSync(file)) throw new InputError(`${file}: no such file`);
      const docs = lib.parseGoldJsonl(readInput(file), file);
      const seconds = Number(opts.seconds);
      if (!(seconds >= 0)) throw new UsageError(`--seconds must be a number >= 0, got '${opts.seconds}'`);
      const withRules = lib.evaluate(docs, { seconds });
      process.stdout.write(lib.formatEvaluation(withRules, `arabic-ner ${pkg.version}: gazetteer + rules, on ${file}`) + '\n\n');
      const gazOnly = lib.evaluate(docs, { seconds, rules: false });
      process.stdout.write(lib.formatEvaluation(gazOnly, 'gazetteer only') + '\n');
    });

  return cmd;
}

class UsageError extends Error {}

export function main(argv: string[]): number {
  try {
    program().parse(argv, { from: 'user' });
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

process.exitCode = main(process.argv.slice(2));
