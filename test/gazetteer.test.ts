import { createGazetteer, parseGazetteer, formatGazetteer, GazetteerFileError, type EntryInput } from '../lib/index';
import { SortedLines } from '../lib/gazetteer/lines';
import { Gazetteer } from '../lib/gazetteer/gazetteer';
import { isGluedProclitic } from '../lib/gazetteer/keys';
import { builtin } from '../lib/data';

const ENTRIES: EntryInput[] = [
  { id: 'loc:palmyra', label: 'LOC', ar: 'تدمر', arVariants: ['تدمور'], en: 'Palmyra', enAliases: ['Tadmur', 'Tadmor'], facts: { country: 'SY', lat: 34.55, lon: 38.27 } },
  { id: 'per:stephen-townsend', label: 'PER', ar: 'ستيفن تاونسند', arVariants: ['تاونسند'], en: 'Stephen Townsend', enAliases: ['Townsend'] },
  { id: 'org:isis', label: 'ORG', ar: 'داعش', arVariants: ['الدولة الإسلامية', 'تنظيم الدولة', 'تنظيم الدولة الإسلامية'], en: 'Islamic State', enAliases: ['ISIS', 'ISIL', 'Daesh'] },
  { id: 'loc:deir-ez-zor', label: 'LOC', ar: 'دير الزور', en: 'Deir ez-Zor', enAliases: ['Dayr az-Zawr'] },
  { id: 'loc:homs', label: 'LOC', ar: 'حمص', en: 'Homs', enAliases: ['Hims'] },
];
const g = createGazetteer(ENTRIES, { builtin: false });
const top = (q: string) => g.lookup(q)[0]?.entry.id;

describe('lookup across scripts', () => {
  test.each([
    ['تدمر', 'loc:palmyra'],
    ['بتدمر', 'loc:palmyra'],
    ['Palmyra', 'loc:palmyra'],
    ['tadmur', 'loc:palmyra'],
    ['Townsend', 'per:stephen-townsend'],
    ['تاونسند', 'per:stephen-townsend'],
    ['تاونزند', 'per:stephen-townsend'],
    ['Townshend', 'per:stephen-townsend'],
    ['دير الزور', 'loc:deir-ez-zor'],
    ['ديرالزور', 'loc:deir-ez-zor'],
    ['Dayr al-Zawr', 'loc:deir-ez-zor'],
    ['وداعش', 'org:isis'],
    ['الدولة الاسلامية', 'org:isis'],
    ['Daesh', 'org:isis'],
    ['التظيم', 'org:isis'],
  ])('%s → %s', (q, id) => expect(top(q)).toBe(id));

  test('results are ranked with a score; exact beats fuzzy', () => {
    const [exact] = g.lookup('تدمر');
    const [fuzzy] = g.lookup('تاونزند');
    expect(exact.score).toBe(1);
    expect(exact.how).toBe('exact');
    expect(fuzzy.how).toBe('fuzzy');
    expect(fuzzy.score).toBeLessThan(1);
  });

  test('nothing for an unrelated word', () => {
    expect(g.lookup('كتاب')).toEqual([]);
  });

  test('labels filter and limit', () => {
    expect(g.lookup('تدمر', { labels: ['PER'] })).toEqual([]);
    expect(() => g.lookup('تدمر', { limit: 0 })).toThrow(RangeError);
    expect(() => g.lookup(5 as never)).toThrow(/argument 'query' must be a string/);
  });
});

describe('createGazetteer / add', () => {
  test('add extends; a bad entry throws naming it, and nothing of the call is added', () => {
    const h = createGazetteer([], { builtin: false });
    h.add({ id: 'loc:x-town', label: 'LOC', ar: 'بلدتون' });
    expect(h.size).toBe(1);
    expect(() => h.add({ id: 'loc:ok', label: 'LOC', ar: 'قرية' }, { id: 'bad id', label: 'LOC', ar: 'س' } as EntryInput)).toThrow(/entries\[1\].*id must look like/);
    expect(h.size).toBe(1);
    expect(() => h.add({ id: 'loc:x-town', label: 'LOC', ar: 'ب' })).toThrow(/already in the gazetteer/);
  });

  test('__proto__ and constructor are plain data', () => {
    const h = createGazetteer([{ id: 'org:constructor', label: 'ORG', ar: 'منظمة', en: '__proto__', facts: { constructor: 'x' } as Record<string, string> }], { builtin: false });
    expect(h.get('org:constructor')?.facts.constructor).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(h.lookup('__proto__')[0]?.entry.id).toBe('org:constructor');
  });
});

describe('parseGazetteer', () => {
  const HEADER = 'id\tlabel\tar\tar_variants\ten\ten_aliases\tfacts';
  test('round trip', () => {
    const text = formatGazetteer(parseGazetteer([HEADER, 'loc:palmyra\tLOC\tتدمر\tتدمور\tPalmyra\tTadmur|Tadmor\tcountry=SY;lat=34.55'].join('\n')));
    expect(parseGazetteer(text)[0]).toMatchObject({ id: 'loc:palmyra', arVariants: ['تدمور'], enAliases: ['Tadmur', 'Tadmor'], facts: { country: 'SY', lat: '34.55' } });
  });

  test.each([
    [[HEADER, 'loc:a\tLOC\tتدمر'].join('\n'), 'places.tsv:2: expected 7 tab-separated columns'],
    [[HEADER, 'loc:a\tCITY\tتدمر\t\tX\t\t'].join('\n'), 'places.tsv:2: label must be one of'],
    [[HEADER, 'loc:a\tLOC\t\t\t\t\t'].join('\n'), 'places.tsv:2: entry has neither'],
    [[HEADER, 'loc:a\tLOC\tتدمر\t\tX\t\tcountry'].join('\n'), 'places.tsv:2: facts must be key=value'],
    ['\ufeff' + HEADER, 'places.tsv:1: file starts with a byte-order mark'],
    [HEADER + '\r\nloc:a\tLOC\tتدمر\t\tX\t\t', 'places.tsv:1: line ends with CR'],
    ['loc:a\tLOC\tتدمر\t\tX\t\t', 'places.tsv:1: expected the header line'],
    [[HEADER, 'loc:a\tLOC\tتدمر\t\tX\t\t', 'loc:a\tLOC\tحمص\t\tY\t\t'].join('\n'), "places.tsv:3: duplicate id 'loc:a' (first on line 2)"],
  ])('bad file %#', (text, message) => {
    expect(() => parseGazetteer(text, { file: 'places.tsv' })).toThrow(GazetteerFileError);
    expect(() => parseGazetteer(text, { file: 'places.tsv' })).toThrow(message);
  });

  test('JSON lines: invalid JSON names the line', () => {
    expect(() => parseGazetteer('{"id":"loc:a","label":"LOC","ar":"تدمر"}\n{oops', { file: 'extra.jsonl' })).toThrow(/^extra.jsonl:2: invalid JSON/);
  });
});

describe('the compiled index read in place', () => {
  test('SortedLines finds the first line of a first key, and nothing for a prefix, an extension or a missing key', () => {
    const lines = new SortedLines(['ab\t1', 'abc x\t2', 'abc y\t3', 'abd\t4', 'b c\t5'].join('\n'));
    expect(lines.length).toBe(5);
    expect(lines.find('abc')).toBe(1);
    expect(lines.opensWith(2, 'abc')).toBe(true);
    expect(lines.opensWith(3, 'abc')).toBe(false);
    expect(lines.find('ab')).toBe(0);
    expect(lines.find('b')).toBe(4);
    expect(lines.line(4)).toBe('b c\t5');
    expect([lines.key(1), lines.value(1), lines.key(0), lines.value(0)]).toEqual(['abc', '2', 'ab', '1']);
    for (const missing of ['a', 'abcd', 'aa', 'c', '', 'b c']) expect(lines.find(missing)).toBe(-1);
    expect(new SortedLines('').find('a')).toBe(-1);
    expect(new SortedLines('').length).toBe(0);
    expect([lines.range('abc'), lines.range('ab'), lines.range('b'), lines.range('abcd'), lines.range('c')]).toEqual([[1, 3], [0, 1], [4, 5], [3, 3], [5, 5]]);
    expect([0, 1, 2, 3, 4].map((i) => lines.second(i))).toEqual(['', 'x', 'y', '', 'c']);
  });

  test('the lazily read built-in index answers as the fully parsed one does', () => {
    const lazy = createGazetteer();
    const full = createGazetteer();
    full.add({ id: 'loc:x-test', label: 'LOC', ar: 'زنكلان' }); // an addition parses the whole index
    const keys = ['تدمر', 'دير', 'قوات', 'حزب', 'الدولة', 'ديرالزور', 'زنكلان', 'غيرموجود', 'ال', 'محمد', 'منظمه'];
    for (const k of keys) {
      const a = (lazy.phrasesFrom(k) ?? []).filter((p) => p.keys.join(' ') !== 'زنكلان');
      const b = (full.phrasesFrom(k) ?? []).filter((p) => p.keys.join(' ') !== 'زنكلان');
      expect(a.map((p) => [p.keys, p.entries])).toEqual(b.map((p) => [p.keys, p.entries]));
      expect(lazy.gluedPhrase(k)?.keys).toEqual(full.gluedPhrase(k)?.keys);
      expect(lazy.wordLabels(k)).toBe(full.wordLabels(k));
    }
    expect(lazy.gluedPhrase('ديرالزور')?.keys).toEqual(['دير', 'الزور']);
    expect(lazy.wordLabels('دير')).not.toBe(0);
  });

  test('a first word and the next one find, without parsing the rest, the phrases the parsed index offers them', () => {
    const lazy = createGazetteer();
    const full = createGazetteer();
    full.add({ id: 'loc:x-test', label: 'LOC', ar: 'زنكلان' });
    const pairs = [['قوات', 'سوريا'], ['قوات', 'الدعم'], ['قوات', 'غيرموجود'], ['دير', 'الزور'], ['تدمر', ''], ['علي', 'عبد'], ['حزب', 'الله'], ['جيش', 'الاسلام'], ['غيرموجود', 'x']];
    // the parsed index may offer more (all of a first word's phrases); what can match the pair comes in the same order
    const canMatch = (list: readonly { keys: string[]; entries: number[] }[] | undefined, second: string) => list?.filter((p) => p.keys.length === 1 || p.keys[1] === second).map((p) => [p.keys, p.entries]);
    for (const [first, second] of pairs) expect([first, second, canMatch(lazy.phrasesFromPair(first, second), second)]).toEqual([first, second, canMatch(full.phrasesFromPair(first, second), second)]);
    expect(lazy.phrasesFromPair('قوات', 'سوريا')!.some((p) => p.keys.join(' ') === 'قوات سوريا الديمقراطيه')).toBe(true);
    expect(lazy.phrasesFromPair('قوات', 'غيرموجود')!.every((p) => p.keys.length === 1)).toBe(true);
    expect(lazy.opensPhrase('قوات') && !lazy.opensPhrase('غيرموجود')).toBe(true);
  });

  test('the compiled surnames answer as one pass over every entry does, with entries added after them too', () => {
    const builtinEntries = [...createGazetteer()].map((e) => ({ ...e }));
    const surnames = builtin.surnames.split('\n').map((l) => l.slice(0, l.indexOf('\t')));
    expect(surnames.length).toBeGreaterThan(1000);
    // a person added later with a built-in person's surname: a tie (both curated) keeps the built-in one
    const added: EntryInput[] = [
      { id: 'per:x-test-asad', label: 'PER', ar: 'فلان الأسد' },
      { id: 'per:x-test-new', label: 'PER', ar: 'علان زنكلاني' },
    ];
    const compiled = createGazetteer(added);
    const plain = createGazetteer([], { builtin: false });
    plain.add(...builtinEntries, ...added);
    for (const k of [...surnames, 'الاسد', 'زنكلاني', 'غيرموجود']) expect([k, compiled.personBySurname(k)]).toEqual([k, plain.personBySurname(k)]);
    expect(compiled.entryAt(compiled.personBySurname('زنكلاني')!).id).toBe('per:x-test-new');
    expect(compiled.entryAt(compiled.personBySurname('الاسد')!).id).not.toBe('per:x-test-asad');
  });

  test('a curated person added later wins a surname from a compiled generated one (higher priority)', () => {
    const source = createGazetteer([{ id: 'per:x-gen', label: 'PER', ar: 'فلان زنكلاني', facts: { source: 'wikidata' } }], { builtin: false });
    const g = new Gazetteer();
    g.loadCompiled(['per:x-gen\tPER\tفلان زنكلاني\t\t\t\tsource=wikidata'], source.exportIndex());
    expect(g.entryAt(g.personBySurname('زنكلاني')!).id).toBe('per:x-gen');
    g.add({ id: 'per:x-cur', label: 'PER', ar: 'علان زنكلاني' });
    expect(g.entryAt(g.personBySurname('زنكلاني')!).id).toBe('per:x-cur');
  });
});

describe('isGluedProclitic', () => {
  const known = (w: string) => ['لبنان', 'ايران', 'مدينه', 'اسو', 'شام', 'مصر'].includes(w);
  test.each([
    ['بلبنان', true],
    ['لايران', true],
    ['ولمدينه', true],
    ['لمصر', true],
    // the article after the proclitic (that reading wins anyway), ف and ك, a rest of two letters, an unknown rest
    ['والشام', false],
    ['فاسو', false],
    ['بلب', false],
    ['بنغازي', false],
  ])('%s → %s', (key, expected) => expect(isGluedProclitic(key, known)).toBe(expected));
});
