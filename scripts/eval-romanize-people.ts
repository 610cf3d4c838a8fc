/**
 * Romanising people no gazetteer lists: the curated people of gazetteers/curated/people*.tsv, read as if unknown
 * (their Arabic name only), romanised by the learned model alone (`romanize`) and by `romanizePerson`, whose known
 * name words take the person-name lexicon's usual Latin form; both compared with the entries' English names
 * (lower-cased). Prints the character error rate and exact matches.
 *
 *   npx tsx scripts/eval-romanize-people.ts
 *
 * The lexicon (gazetteers/lexicon/person-names.tsv) holds single words from Wikidata's name pairs, which also name
 * many of these people, so the figure reads the lexicon a little favourably.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import levenshtein from 'fast-levenshtein';
import { parseGazetteer } from '../lib/gazetteer/parse';
import { romanize, romanizePerson } from '../lib/translit/romanize';

const dir = join(__dirname, '..', 'gazetteers', 'curated');
const people = readdirSync(dir)
  .filter((f) => f.startsWith('people') && f.endsWith('.tsv'))
  .sort()
  .flatMap((f) => parseGazetteer(readFileSync(join(dir, f), 'utf8'), { file: f }))
  .filter((e) => e.label === 'PER' && e.ar && e.en);

const score = (f: (ar: string) => string) => {
  let dist = 0;
  let length = 0;
  let exact = 0;
  for (const e of people) {
    const hyp = f(e.ar).toLowerCase();
    const ref = e.en.toLowerCase();
    dist += levenshtein.get(hyp, ref);
    length += ref.length;
    if (hyp === ref) exact++;
  }
  return `character error rate ${((100 * dist) / length).toFixed(1)}%, exact ${exact} (${((100 * exact) / people.length).toFixed(1)}%)`;
};
console.log(`${people.length} people of gazetteers/curated/people*.tsv`);
console.log(`romanize (learned model alone):          ${score(romanize)}`);
console.log(`romanizePerson (+ name words' Latin):    ${score(romanizePerson)}`);
