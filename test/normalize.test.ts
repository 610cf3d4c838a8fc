import { normalize, normalizeWithMap, toOriginal } from '../lib/index';

describe('normalize: one option at a time', () => {
  test.each([
    ['alef variants', 'أإآٱ', {}, 'اااا'],
    ['alef maqsura', 'على', {}, 'علي'],
    ['ta marbuta is kept by default', 'مدينة', {}, 'مدينة'],
    ['ta marbuta when asked', 'مدينة', { taMarbuta: true }, 'مدينه'],
    ['hamza carriers', 'مؤتمر رئيس', {}, 'موتمر رييس'],
    ['Persian letters', 'کی', {}, 'كي'],
    ['Arabic-Indic and Persian digits, decimal separator', '٢٠١٦ ۱۲ ٣٫٥', {}, '2016 12 3.5'],
    ['no-break spaces', 'تدمر\u00a0حمص\u202fحلب', {}, 'تدمر حمص حلب'],
    ['folds can be turned off', 'أحمد على', { alef: false, alefMaqsura: false }, 'أحمد على'],
    ['diacritics when asked (harakat, shadda, sukun, tanween, superscript alef)', 'تَدْمُرُ شَدَّةٌ xًٌٍّْٰ', { diacritics: true }, 'تدمر شدة x'],
    ['tatweel when asked', 'تـــدمر', { tatweel: true }, 'تدمر'],
    ['invisible characters when asked', 'تد\u200cمر\u200f\ufeff', { invisible: true }, 'تدمر'],
  ] as const)('%s', (_name, input, options, expected) => {
    expect(normalize(input, options)).toBe(expected);
  });

  test('by default the length never changes (folds only)', () => {
    const text = 'أَعلنَ التحالفُ ـــ «٢٠١٦»\u00a0على';
    expect(normalize(text)).toHaveLength(text.length);
    expect(normalize(text)).toBe('اَعلنَ التحالفُ ـــ «2016» علي');
  });
});

describe('normalizeWithMap', () => {
  test('removes marks and maps every normalised offset back to the original', () => {
    const original = 'مدينةُ تـدمُر';
    const { text, map } = normalizeWithMap(original);
    expect(text).toBe('مدينة تدمر');
    const at = text.indexOf('تدمر');
    const [s, e] = toOriginal(map, at, at + 4);
    expect(original.slice(s, e)).toBe('تـدمُر');
    expect(map[text.length]).toBe(original.length);
  });
});
