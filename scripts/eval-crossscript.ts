/**
 * Cross-script matching of names the gazetteer does not contain: the test pairs of google-ar2en (Apache-2.0) are
 * added as unknown names (Arabic only, or Latin only), then looked up from the other script.
 *
 *   npx tsx scripts/eval-crossscript.ts --data ../shared/data/names/google-ar2en/ar2en-test.txt
 *
 * Latin → Arabic: entries carry only the Arabic name; a Latin query meets them through the romaniser (the entry's
 * Arabic romanised, compared by phonetic key and edit distance). Arabic → Latin: entries carry only the Latin name;
 * the Arabic query is romanised. Prints top-1 and top-5 accuracy. Pairs whose name repeats are scored as found when
 * any entry with the right answer is returned.
 */
import { readFileSync } from 'node:fs';
import { createGazetteer, type EntryInput } from '../lib/index';

const i = process.argv.indexOf('--data');
if (i < 0) {
  console.error('usage: tsx scripts/eval-crossscript.ts --data PATH/TO/ar2en-test.txt');
  process.exit(1);
}
const pairs = readFileSync(process.argv[i + 1], 'utf8')
  .split('\n')
  .map((l) => l.split('\t'))
  .filter((p) => p.length === 2 && p[0] && p[1]);

function measure(direction: 'latin→arabic' | 'arabic→latin'): void {
  const entries: EntryInput[] = pairs.map(([ar, en], k) => (direction === 'latin→arabic' ? { id: `per:t${k}`, label: 'PER', ar } : { id: `per:t${k}`, label: 'PER', en }));
  const g = createGazetteer(entries, { builtin: false });
  let top1 = 0;
  let top5 = 0;
  const t0 = performance.now();
  for (const [ar, en] of pairs) {
    const query = direction === 'latin→arabic' ? en : ar;
    const results = g.lookup(query, { limit: 5 });
    const ok = (r: (typeof results)[number]) => (direction === 'latin→arabic' ? r.entry.ar === ar : r.entry.en === en);
    if (results[0] && ok(results[0])) top1++;
    if (results.some(ok)) top5++;
  }
  const ms = (performance.now() - t0) / pairs.length;
  console.log(`${direction}: ${pairs.length} names, top-1 ${((100 * top1) / pairs.length).toFixed(1)}%, top-5 ${((100 * top5) / pairs.length).toFixed(1)}% (${ms.toFixed(2)} ms a lookup)`);
}

measure('latin→arabic');
measure('arabic→latin');
