/**
 * Compiles the reviewable data in gazetteers/ (and trained models in models/) into build/data.json, the compact form
 * the library embeds at build time. Run by `npm run build` and before the tests (`npm run data`).
 *
 * - Every gazetteer file is validated; an error names the file and line. Ids are unique across files.
 * - Generated entries (GeoNames, …) that repeat a curated place (same label, same Arabic key, same country) are
 *   dropped: the curated entry wins.
 * - The stem lexicon (words that rank clitic analyses) is the set of article-less match keys of every gazetteer name
 *   word, every rule-lexicon word and the common-word list, less the proclitics glued to a word inside place and
 *   organisation names (بلبنان in المحكمة الخاصة بلبنان; see `isGluedProclitic`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseGazetteer } from '../lib/gazetteer/parse';
import { standsAlone, type GazetteerEntry } from '../lib/gazetteer/entry';
import { matchKey } from '../lib/normalize';
import { isGluedProclitic, nameWords, stripArticle } from '../lib/gazetteer/keys';
import { byCodeUnits } from '../lib/gazetteer/lines';
import { keySlots } from '../lib/keyset';
import { packArray } from '../lib/packed';

const root = join(__dirname, '..');
const gazDir = join(root, 'gazetteers');

function tsvFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort().map((f) => join(dir, f));
}

function readEntries(files: string[]): Array<{ file: string; entries: GazetteerEntry[] }> {
  return files.map((f) => ({ file: relative(root, f), entries: parseGazetteer(readFileSync(f, 'utf8'), { file: relative(root, f) }) }));
}

const curated = readEntries(tsvFiles(join(gazDir, 'curated')));
const generated = readEntries(tsvFiles(join(gazDir, 'generated')));

// A variant that holds a clause or another entity (التحالف الدولي ضد داعش، التحالف الذي تقوده …) is a description,
// not a name: it would swallow the other entity's mention.
const DESCRIPTION = /(^| )(ضد|الذي|تقوده|بقيادة)( |$)/;
for (const { file, entries } of curated) {
  for (const e of entries) {
    const bad = [e.ar, ...e.arVariants].find((n) => DESCRIPTION.test(n));
    if (bad) throw new Error(`${file}: ${e.id}: '${bad}' is a description, not a name (it holds ضد، الذي، تقوده or بقيادة)`);
  }
}

const ids = new Map<string, string>();
const curatedKeys = new Set<string>();
const all: GazetteerEntry[] = [];
for (const { file, entries } of curated) {
  for (const e of entries) {
    if (ids.has(e.id)) throw new Error(`${file}: id '${e.id}' is also in ${ids.get(e.id)}`);
    ids.set(e.id, file);
    for (const n of [e.ar, ...e.arVariants]) if (n) curatedKeys.add(`${e.label}|${e.facts.country ?? ''}|${matchKey(n)}`);
    all.push(e);
  }
}
let dropped = 0;
for (const { file, entries } of generated) {
  for (const e of entries) {
    if (ids.has(e.id)) throw new Error(`${file}: id '${e.id}' is also in ${ids.get(e.id)}`);
    ids.set(e.id, file);
    const names = [e.ar, ...e.arVariants].filter(Boolean);
    if (names.some((n) => curatedKeys.has(`${e.label}|${e.facts.country ?? ''}|${matchKey(n)}`))) {
      dropped++;
      continue;
    }
    all.push(e);
  }
}

function readList(file: string): string[] {
  const p = join(gazDir, 'lexicon', file);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() && !l.startsWith('#'));
}

/** A lexicon TSV as rows of objects keyed by its header. */
function readTable(file: string): Record<string, string>[] {
  const lines = readList(file);
  if (!lines.length) return [];
  const cols = lines[0].split('\t');
  return lines.slice(1).map((l, i) => {
    const cells = l.split('\t');
    if (cells.length !== cols.length) throw new Error(`gazetteers/lexicon/${file}: row ${i + 2} has ${cells.length} columns, expected ${cols.length}`);
    const row: Record<string, string> = Object.create(null);
    cols.forEach((c, k) => (row[c] = cells[k]));
    return row;
  });
}

// A rare name word that reads as ب، ل، و + the one-word name of a country or capital (بقطر "in Qatar", the name
// Bocthor seen twice; بروسيا "in Russia", Prussia; واردن "and Jordan") means that in news: it stays out of the name
// lexicon, and so out of the stem lexicon, so that the proclitic reading ranks first and the gazetteer finds the
// country. A frequent name word stays (بلوم, Blum, seen 101 times).
const RARE_NAME_WORD = 10;
/** the one-word Arabic names (without the article) of the entries that pass `keep` */
function oneWordNames(keep: (e: GazetteerEntry) => boolean): string[] {
  const out: string[] = [];
  for (const e of all) {
    if (!keep(e)) continue;
    for (const n of [e.ar, ...e.arVariants]) {
      const words = n ? nameWords(n) : [];
      if (words.length === 1) out.push(stripArticle(words[0]));
    }
  }
  return out;
}
const countryWords = new Set(oneWordNames((e) => e.label === 'LOC' && (e.facts.type === 'country' || e.facts.type === 'capital')));
const gluedCountry = (r: Record<string, string>) => Number(r.count) < RARE_NAME_WORD && isGluedProclitic(r.key, (w) => countryWords.has(w));
const allPersonRows = readTable('person-names.tsv');
const personRows = allPersonRows.filter((r) => !gluedCountry(r));
const personLines = personRows.map((r) => r.key).join('\n');
const commonWords = readList('common-words.txt');
const lexicon = {
  titles: readTable('titles.tsv'),
  placeDescriptors: readTable('place-descriptors.tsv'),
  orgDescriptors: readTable('org-descriptors.tsv'),
  forceNouns: readTable('force-nouns.tsv'),
  forceModifiers: readTable('force-modifiers.tsv'),
  equipment: readTable('equipment.tsv'),
  nationalities: readTable('nationalities.tsv'),
  stopNames: readList('stop-names.txt'),
  /** common words (match keys), one a line */
  commonWords: commonWords.join('\n'),
  /** person-name words (match keys), one a line; `commonNames` those that are also common words */
  personNames: personLines,
  personNameSlots: packArray(keySlots(personLines)),
  commonNames: personRows.filter((r) => r.common === '1').map((r) => r.key).join('\n'),
  /** `key<TAB>latin` lines in code-unit order (searched in place by lib/gazetteer/lines.ts) */
  personLatin: personRows
    .filter((r) => r.latin)
    .map((r) => `${r.key}\t${r.latin}`)
    .sort(byCodeUnits)
    .join('\n'),
};

const stems = new Set<string>();
const addWords = (s: string) => {
  for (const w of nameWords(s)) stems.add(stripArticle(w));
};
// the later words of place and organisation names wait until every other word is in: one that is a proclitic glued to
// a common word or a major place's or organisation's one-word name (المحكمة الخاصة بلبنان) stays out (see
// `isGluedProclitic`); the first words of names, and people's names, go in as they are
const laterWords = new Set<string>();
const standalone = new Set<string>([...commonWords.flatMap((w) => nameWords(w).map(stripArticle)), ...oneWordNames(standsAlone)]);
for (const e of all) {
  for (const n of [e.ar, ...e.arVariants]) {
    const words = n ? nameWords(n) : [];
    words.forEach((w, i) => (i > 0 && e.label !== 'PER' ? laterWords.add(w) : stems.add(stripArticle(w))));
  }
}
for (const table of [lexicon.titles, lexicon.placeDescriptors, lexicon.orgDescriptors, lexicon.forceNouns, lexicon.forceModifiers, lexicon.equipment]) for (const r of table) addWords(r.ar);
for (const r of personRows) stems.add(r.key);
for (const r of lexicon.nationalities) for (const f of ['masc', 'fem', 'plural']) for (const v of (r[f] ?? '').split('|')) if (v) addWords(v);
for (const w of [...lexicon.stopNames, ...commonWords]) addWords(w);
let gluedWords = 0;
for (const w of laterWords) {
  if (!stems.has(stripArticle(w)) && isGluedProclitic(w, (x) => standalone.has(x))) gluedWords++;
  else stems.add(stripArticle(w));
}

const gazetteerTsv = all
  .map((e) => [e.id, e.label, e.ar, e.arVariants.join('|'), e.en, e.enAliases.join('|'), Object.entries(e.facts).map(([k, v]) => `${k}=${v}`).join(';')].join('\t'))
  .join('\n');

const models: Record<string, string> = {};
const stemLines = [...stems].filter(Boolean).sort().join('\n');
const data = { gazetteer: gazetteerTsv, phrases: '', glued: '', wordLabels: '', surnames: '', stems: stemLines, stemSlots: packArray(keySlots(stemLines)), lexicon, models };
mkdirSync(join(root, 'build'), { recursive: true });
// The phrase index is built by the library's own Gazetteer, and the romaniser's tables by its own code, which read
// build/data.json when loaded: write the data without the index and models first, then load them and add both.
writeFileSync(join(root, 'build', 'data.json'), JSON.stringify(data));
/* eslint-disable @typescript-eslint/no-require-imports */
const { Gazetteer } = require('../lib/gazetteer/gazetteer') as typeof import('../lib/gazetteer/gazetteer');
const { compileRomanizer } = require('../lib/translit/romanize') as typeof import('../lib/translit/romanize');
/* eslint-enable @typescript-eslint/no-require-imports */
const modelDir = join(root, 'models');
if (existsSync(modelDir)) {
  for (const f of readdirSync(modelDir).filter((f) => f.endsWith('.json')).sort()) {
    // kept as JSON text: the bundle parses a string literal faster than an object literal, and the model is parsed
    // only when first used; the romaniser ships as its lookup tables (see `CompiledRomanizer`)
    const name = f.replace(/\.json$/, '');
    const model = JSON.parse(readFileSync(join(modelDir, f), 'utf8'));
    models[name] = JSON.stringify(name === 'romanizer' ? compileRomanizer(model) : model);
  }
}
const index = new Gazetteer(lexicon.stopNames);
for (const e of all) index.insert(e);
Object.assign(data, index.exportIndex());
const json = JSON.stringify(data);
writeFileSync(join(root, 'build', 'data.json'), json);
const sha = createHash('sha256').update(json).digest('hex').slice(0, 16);
const counts: Record<string, number> = {};
for (const e of all) counts[e.label] = (counts[e.label] ?? 0) + 1;
console.log(
  `compile-data: ${all.length} entries (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}; ${dropped} generated duplicates of curated places dropped), ` +
    `${personRows.length} person-name words (${allPersonRows.length - personRows.length} rare ones glued to a country left out), ${stems.size} stems (${gluedWords} glued proclitics left out), models: ${Object.keys(models).join(', ') || 'none'}; build/data.json ${(json.length / 1024).toFixed(0)} KB, sha256 ${sha}`,
);
