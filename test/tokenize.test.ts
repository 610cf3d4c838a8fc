import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { tokenize } from '../lib/tokenize';
import { formOf, scan, WordForms, type Token } from '../lib/tokens';
import { defaultLexicon } from '../lib/lexicon';
import { splitSentences } from '../lib/sentences';

const seedsDir = join(__dirname, '..', 'corpus', 'seeds');
const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(seedsDir, f), 'utf8'));

function best(word: string) {
  const [t] = tokenize(word);
  const a = t.analyses[0];
  return { proclitics: a.proclitics.map((p) => p.text), article: a.article?.text ?? null, stem: a.stem.text, norm: a.norm };
}

describe('tokenize', () => {
  test('the five seed articles are all present', () => expect(seeds).toHaveLength(5));

  test.each(seeds.map((s, i) => [i, s]))('seed %i: every token and clitic piece slices back', (_i, text) => {
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(100);
    let prevEnd = 0;
    for (const t of tokens) {
      expect(text.slice(t.start, t.end)).toBe(t.text);
      expect(t.start).toBeGreaterThanOrEqual(prevEnd);
      expect(t.end).toBeGreaterThan(t.start);
      prevEnd = t.end;
      for (const a of t.analyses) {
        for (const p of [...a.proclitics, a.stem, ...(a.article ? [a.article] : [])]) {
          expect(text.slice(p.start, p.end)).toBe(p.text);
          expect(p.start).toBeGreaterThanOrEqual(t.start);
          expect(p.end).toBeLessThanOrEqual(t.end);
        }
        // pieces tile the token: proclitics, article, stem
        const pieces = [...a.proclitics, ...(a.article ? [a.article] : []), a.stem];
        expect(pieces.map((p) => p.text).join('')).toBe(t.text);
      }
    }
    // nothing but white space and invisible characters lies between tokens
    let at = 0;
    for (const t of tokens) {
      expect(text.slice(at, t.start)).toMatch(/^[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]*$/u);
      at = t.end;
    }
  });

  test('a repeated word gets its own offsets; analyses are plain data in JSON and apart from the cache', () => {
    const text = 'بتدمر ثم بتدمر';
    const [a, , b] = tokenize(text);
    expect(a.analyses[0].stem).toEqual({ text: 'تدمر', start: 1, end: 5 });
    expect(b.analyses[0].stem).toEqual({ text: 'تدمر', start: 10, end: 14 });
    const json = JSON.parse(JSON.stringify(b));
    expect(json).toEqual({ text: 'بتدمر', start: 9, end: 14, norm: 'بتدمر', kind: 'word', analyses: b.analyses });
    // what a caller does to its tokens' analyses stays with those tokens
    b.analyses[0].stem.start = -1;
    b.analyses.length = 0;
    expect(tokenize(text)[2].analyses[0].stem.start).toBe(10);
    expect(a.analyses[0].proclitics.map((p) => [p.text, p.start])).toEqual([['ب', 0]]);
  });

  test('the real noise: no-break spaces, tatweel, a missing space after ta marbuta', () => {
    const text = 'انسحاب القوات الروسيةمن مواقعها\u00a0في تدمـر';
    expect(tokenize(text).map((t) => t.text)).toEqual(['انسحاب', 'القوات', 'الروسية', 'من', 'مواقعها', 'في', 'تدمـر']);
    expect(tokenize('تدمـر')[0].norm).toBe('تدمر');
  });

  test.each([
    ['بتدمر', ['ب'], null, 'تدمر', 'تدمر'],
    ['وداعش', ['و'], null, 'داعش', 'داعش'],
    ['للتحالف', ['ل'], 'ل', 'تحالف', 'التحالف'],
    ['بريف', ['ب'], null, 'ريف', 'ريف'],
    ['والرقة', ['و'], 'ال', 'رقة', 'الرقه'],
    ['وزارة', [], null, 'وزارة', 'وزاره'],
    ['بغداد', [], null, 'بغداد', 'بغداد'],
    ['لبنان', [], null, 'لبنان', 'لبنان'],
    ['كركوك', [], null, 'كركوك', 'كركوك'],
    ['فرنسا', [], null, 'فرنسا', 'فرنسا'],
    ['وبالرقة', ['و', 'ب'], 'ال', 'رقة', 'الرقه'],
  ])('clitics of %s', (word, proclitics, article, stem, norm) => {
    expect(best(word)).toEqual({ proclitics, article, stem, norm });
  });

  test('a word opening with و keeps its reading with no proclitic', () => {
    const [t] = tokenize('وزارة');
    expect(t.analyses.some((a) => a.proclitics.length === 0)).toBe(true);
    expect(t.analyses.some((a) => a.proclitics.length === 1)).toBe(true);
  });

  test('لـ«فرانس: the detached proclitic, the quote and the name are separate tokens', () => {
    const toks = tokenize('لـ«فرانس برس»');
    expect(toks.map((t) => [t.text, t.kind])).toEqual([['لـ', 'word'], ['«', 'punctuation'], ['فرانس', 'word'], ['برس', 'word'], ['»', 'punctuation']]);
  });

  test('Latin and digits glued to Arabic: الT4 is one mixed token with the article', () => {
    const [t] = tokenize('الT4');
    expect(t.kind).toBe('mixed');
    expect(t.analyses[0].article?.text).toBe('ال');
    expect(t.analyses[0].stem.text).toBe('T4');
  });

  test('Arabic punctuation is split off', () => {
    expect(tokenize('حمص، حلب؛ تدمر؟ «دمشق» (حماة) – إدلب…').filter((t) => t.kind === 'punctuation').map((t) => t.text)).toEqual(['،', '؛', '؟', '«', '»', '(', ')', '–', '…']);
  });

  test('numbers keep decimal and thousands separators; Arabic-Indic digits get ASCII keys', () => {
    expect(tokenize('3.5 و1,000 و٢٠١٥').map((t) => [t.text, t.kind, t.norm])).toEqual([
      ['3.5', 'number', '3.5'], ['و1', 'mixed', 'و1'], [',', 'punctuation', ','], ['000', 'number', '000'], ['و٢٠١٥', 'mixed', 'و2015'],
    ]);
  });

  test('kinds', () => {
    expect(tokenize('Palmyra Monitor 2016 تدمر').map((t) => t.kind)).toEqual(['latin', 'latin', 'number', 'word']);
  });

  test('bad input throws a TypeError naming the argument', () => {
    expect(() => tokenize(null as unknown as string)).toThrow(TypeError);
    expect(() => tokenize(null as unknown as string)).toThrow(/argument 'text' must be a string, got null/);
    expect(() => tokenize(42 as unknown as string)).toThrow(/got a number/);
    expect(() => tokenize('x', 'y' as never)).toThrow(/'options' must be an object/);
    expect(() => tokenize('x', { lexicon: 3 } as never)).toThrow(/options.lexicon/);
  });

  test('property: tokens read through a warm word-form cache equal those read with a fresh one', () => {
    const lexicon = defaultLexicon();
    const shared = new WordForms(lexicon);
    const small = new WordForms(lexicon, 64); // generations of 64 forms: forms move up and old ones go, again and again
    // thousands of distinct forms (the table grows past its first size), then texts that reuse them
    const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ';
    const word = fc.string({ unit: fc.constantFrom(...letters.split(''), 'و', 'ب', 'ال', 'لل', 'ـ', 'َ'), minLength: 1, maxLength: 9 });
    const text = fc.array(fc.oneof(word, fc.constantFrom(' ', '، ', '.', '\n', 'A1', '٢٠')), { maxLength: 40 }).map((ws) => ws.join(' '));
    const plain = (ts: Token[]) => ts.map((t) => JSON.stringify(t));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (texts) => {
        for (const t of texts) {
          const fresh = plain(scan(t, lexicon, true, new WordForms(lexicon)));
          for (const forms of [shared, shared, small, small]) if (JSON.stringify(plain(scan(t, lexicon, true, forms))) !== JSON.stringify(fresh)) return false;
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });

  test("the hash scan works out as it reads a word is the cache's own: the form is found again without it", () => {
    const forms = new WordForms(defaultLexicon());
    // Arabic with a mark, Latin with a letter outside the BMP (a surrogate pair), digits, punctuation
    const text = 'قالَ 𝐀lpha 2024 ، تدمر';
    const tokens = scan(text, defaultLexicon(), true, forms);
    expect(tokens.map((t) => t.text)).toEqual(['قالَ', '𝐀lpha', '2024', '،', 'تدمر']);
    for (const t of tokens) expect(forms.at(text, t.start, t.end, t.kind)).toBe(formOf(t));
  });

  test('property: any Unicode string tokenizes without throwing into ordered tokens that slice back', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...'ابتةجحدرسشصعفقكلمنهوىيأإآؤئـًٌٍَُِّْ٠١٢ .،«»؟!\u00a0\u200c\u200d\u200f\u202e\ud83d\ude00\ud800\udfff\n'.split('')), maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = tokenize(text);
        let prev = 0;
        for (const t of tokens) {
          if (t.start < prev || t.end <= t.start || text.slice(t.start, t.end) !== t.text) return false;
          for (const a of t.analyses) {
            const pieces = [...a.proclitics, ...(a.article ? [a.article] : []), a.stem];
            if (pieces.map((p) => p.text).join('') !== t.text) return false;
            if (pieces.some((p) => text.slice(p.start, p.end) !== p.text)) return false;
          }
          prev = t.end;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('splitSentences', () => {
  const split = (s: string) => splitSentences(s, tokenize(s)).map((x) => x.text);
  test('ends at . ! ? ؟ and line breaks, keeps closing quotes', () => {
    expect(split('قال “انتهى.” ثم غادر! هل عاد؟ نعم\nسطر جديد')).toEqual(['قال “انتهى.”', 'ثم غادر!', 'هل عاد؟', 'نعم', 'سطر جديد']);
  });
  test('not inside numbers or single-letter abbreviations', () => {
    expect(split('ارتفع 3.5 بالمئة بحسب أ.ب اليوم. انتهى')).toEqual(['ارتفع 3.5 بالمئة بحسب أ.ب اليوم.', 'انتهى']);
  });
  test('sentence offsets slice back', () => {
    for (const s of seeds) for (const x of splitSentences(s, tokenize(s))) expect(s.slice(x.start, x.end)).toBe(x.text);
  });
});
