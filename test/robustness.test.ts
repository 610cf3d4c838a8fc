/** Any input, no crash, no lost text; no regular expression with catastrophic backtracking. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkSync } from 'recheck';
import { createGazetteer, createTagger, lookup, normalize, normalizeWithMap, tag, tokenize, transliterate } from '../lib/index';

const ARABIC_UNITS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئةى ـًٌٍَُِّْ٠١٢٣.،؛؟«»“”()\n\u00a0\u200c\u200d\u200e\u200f';
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...ARABIC_UNITS.split('')), maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('\ud800', '\udfff', '\ud83d\ude00', '\u202e', '\u2066', '\u0301', '\u0000', '\u001b', 'a', 'ت', 'دمر', ' '), maxLength: 100 }),
  fc.array(fc.constantFrom('تدمر', 'بتدمر', 'داعش', 'القوات الروسية', 'العقيد', '“', 'مدينة', 'حمص', 'في', '.', ' ', 'Palmyra', '2016'), { maxLength: 60 }).map((a) => a.join(' ')),
);

describe('tag() on arbitrary strings', () => {
  test('never throws; entities sorted, non-overlapping, inside the text, slicing back; deterministic', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const doc = tag(text);
        let prevEnd = 0;
        for (const e of doc.entities) {
          if (e.start < prevEnd || e.end <= e.start || e.end > text.length) return false;
          if (text.slice(e.start, e.end) !== e.text) return false;
          prevEnd = e.end;
        }
        return JSON.stringify(tag(text).entities) === JSON.stringify(doc.entities);
      }),
      { numRuns: 1500 },
    );
  });

  test('a very long word and a 1 MB string', () => {
    expect(() => tag('ت'.repeat(100_000))).not.toThrow();
    const big = 'قصف التحالف مواقع في تدمر بريف حمص. '.repeat(30_000);
    expect(big.length).toBeGreaterThan(1_000_000);
    const doc = tag(big);
    expect(doc.entities.length).toBeGreaterThan(30_000);
    for (const e of doc.entities.slice(-5)) expect(big.slice(e.start, e.end)).toBe(e.text);
  });

  test('normalising clean Arabic first does not change which names are found', () => {
    const texts = ['أعلن التحالف الدولي أنه قصف مواقع لداعش في مدينة تدمر بريف حمص', 'وصلت القوات الروسية إلى دير الزور والرقة وحلب'];
    for (const t of texts) {
      const before = tag(t).entities.map((e) => [e.label, e.id]);
      const after = tag(normalize(t)).entities.map((e) => [e.label, e.id]);
      expect(after).toEqual(before);
    }
  });

  test('normalize keeps length by default; normalizeWithMap maps back', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        if (normalize(text).length !== text.length) return false;
        const { text: n, map } = normalizeWithMap(text);
        return map.length === n.length + 1 && map[n.length] === text.length && [...map].every((v, i) => i === 0 || v > map[i - 1]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('bad arguments to every public function name the argument', () => {
  test.each([
    ['tag', () => tag(undefined as never), TypeError, /tag: argument 'text' must be a string, got undefined/],
    ['tokenize', () => tokenize({} as never), TypeError, /tokenize: argument 'text'/],
    ['normalize', () => normalize(null as never), TypeError, /normalize: argument 'text'/],
    ['normalize options', () => normalize('x', { alef: 'yes' } as never), TypeError, /options.alef/],
    ['normalize unknown option', () => normalize('x', { nope: true } as never), RangeError, /unknown option 'nope'/],
    ['lookup', () => lookup(1 as never), TypeError, /lookup: argument 'query'/],
    ['lookup limit', () => lookup('x', { limit: -1 }), RangeError, /options.limit/],
    ['transliterate', () => transliterate(null as never), TypeError, /transliterate: argument 'text'/],
    ['transliterate scheme', () => transliterate('x', 'nope' as never), RangeError, /argument 'scheme'/],
    ['createTagger labels', () => createTagger({ labels: ['CITY' as never] }), RangeError, /options.labels/],
    ['createTagger model', () => createTagger({ model: 'maybe' as never }), RangeError, /options.model/],
    ['createTagger gazetteer', () => createTagger({ gazetteer: {} as never }), TypeError, /options.gazetteer/],
    ['createGazetteer', () => createGazetteer(null as never), TypeError, /createGazetteer: argument 'entries'/],
    ['createGazetteer entry', () => createGazetteer([{ id: 'x', label: 'LOC' } as never], { builtin: false }), TypeError, /entries\[0\]/],
  ])('%s', (_name, fn, type, message) => {
    expect(fn).toThrow(type);
    expect(fn).toThrow(message);
  });
});

describe('regular expressions', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });
  }
  // regex literals: a slash not after an operand, a body without unescaped slashes or newlines, flags
  const LITERAL = /(?<=[=(,:!&|?;{}\[]\s*|return\s+|^\s*)\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/([dgimsuy]*)/gm;
  const found = sources(join(__dirname, '..', 'lib')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(LITERAL)].map((m) => ({ file: f.split('/lib/')[1], source: m[1], flags: m[2] })));

  test('the source holds regular expressions to check', () => expect(found.length).toBeGreaterThan(20));

  test('none is vulnerable to catastrophic backtracking (recheck)', () => {
    const vulnerable = found.filter((r) => checkSync(r.source, r.flags.replace(/[gd]/g, '')).status === 'vulnerable');
    expect(vulnerable).toEqual([]);
  });
});
