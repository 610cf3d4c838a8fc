/**
 * Readable romanisation of Arabic names.
 *
 * `romanizeRules` is a hand-written ALA-LC-like table without diacritics (the baseline). `romanize` uses the learned
 * model shipped in the package (`models/romanizer.json`, see scripts/train-romanizer.ts) when there is one, and the
 * rules otherwise.
 */
import { requireString } from '../errors';
import { normalize } from '../normalize';

const CONSONANTS: Record<string, string> = {
  'ء': "'", 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ؤ': "'", 'ئ': "'", 'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h',
  'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z', 'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z',
  'ع': "'", 'غ': 'gh', 'ف': 'f', 'ق': 'q', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'پ': 'p', 'چ': 'ch',
  'ڤ': 'v', 'گ': 'g', 'ک': 'k',
};

function romanizeWordRules(word: string): string {
  const w = normalize(word, { diacritics: true, tatweel: true, invisible: true, alef: false, hamza: false });
  let out = '';
  let i = 0;
  if (w.startsWith('ال') && w.length > 3) {
    out = 'al-';
    i = 2;
  }
  const start = i;
  for (; i < w.length; i++) {
    const c = w[i];
    const last = i === w.length - 1;
    const prevVowel = /[aiu]$/.test(out);
    if (c === 'ا' || c === 'ى' || c === 'آ') out += 'a';
    else if (c === 'و') out += i === start || (prevVowel && !last) ? 'w' : prevVowel ? 'w' : 'u';
    else if (c === 'ي') out += i === start || (prevVowel && !last) ? 'y' : 'i';
    else if (c === 'ة') out += 'a';
    else {
      const r = CONSONANTS[c];
      if (r === undefined) {
        out += c;
        continue;
      }
      out += r;
      // a short vowel between two consonants: 'a' is the most frequent in names
      const next = w[i + 1];
      if (next !== undefined && CONSONANTS[next] !== undefined && !/['’]/.test(r) && i + 1 < w.length - 1) out += 'a';
    }
  }
  return out.replace(/^'+|'+$/g, '');
}

function capitalise(s: string): string {
  return s.replace(/(^|[\s-])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()).replace(/^Al-/, 'al-').replace(/ Al-/g, ' al-');
}

/** The hand-written rule romanisation (the baseline). @example romanizeRules('تدمر') // 'Tadmar' */
export function romanizeRules(arabic: string): string {
  requireString('romanizeRules', 'arabic', arabic);
  return capitalise(arabic.split(/\s+/).filter(Boolean).map(romanizeWordRules).join(' '));
}

/** Romanises an Arabic name (the learned model replaces the rules once one is trained and shipped). */
export function romanize(arabic: string): string {
  requireString('romanize', 'arabic', arabic);
  return romanizeRules(arabic);
}
