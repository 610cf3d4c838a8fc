/**
 * The Buckwalter transliteration (Tim Buckwalter's table, as in the Penn Arabic Treebank and CAMeL Tools'
 * `charmaps/ar2bw_map.json`): a reversible one-to-one map between Arabic letters/diacritics and ASCII.
 * Characters outside the table pass through unchanged, so ASCII letters already in the input do not round-trip
 * (the standard limitation of the scheme).
 */
import { requireString } from '../errors';

/** Arabic code unit → Buckwalter ASCII, the standard table plus the common extensions for پ چ ڤ گ. */
export const BUCKWALTER: Readonly<Record<string, string>> = Object.freeze({
  'ء': "'", 'آ': '|', 'أ': '>', 'ؤ': '&', 'إ': '<', 'ئ': '}', 'ا': 'A', 'ب': 'b', 'ة': 'p', 'ت': 't', 'ث': 'v',
  'ج': 'j', 'ح': 'H', 'خ': 'x', 'د': 'd', 'ذ': '*', 'ر': 'r', 'ز': 'z', 'س': 's', 'ش': '$', 'ص': 'S', 'ض': 'D',
  'ط': 'T', 'ظ': 'Z', 'ع': 'E', 'غ': 'g', 'ـ': '_', 'ف': 'f', 'ق': 'q', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n',
  'ه': 'h', 'و': 'w', 'ى': 'Y', 'ي': 'y', 'ً': 'F', 'ٌ': 'N', 'ٍ': 'K', 'َ': 'a', 'ُ': 'u', 'ِ': 'i', 'ّ': '~',
  'ْ': 'o', 'ٰ': '`', 'ٱ': '{', 'پ': 'P', 'چ': 'J', 'ڤ': 'V', 'گ': 'G',
});

const toBw = new Map(Object.entries(BUCKWALTER));
const fromBw = new Map(Object.entries(BUCKWALTER).map(([a, b]) => [b, a]));

function mapChars(text: string, table: Map<string, string>): string {
  let out = '';
  for (const ch of text) out += table.get(ch) ?? ch;
  return out;
}

/** @example toBuckwalter('تَدْمُر') // 'tadomur' */
export function toBuckwalter(text: string): string {
  requireString('toBuckwalter', 'text', text);
  return mapChars(text, toBw);
}

/** @example fromBuckwalter('tdmr') // 'تدمر' */
export function fromBuckwalter(text: string): string {
  requireString('fromBuckwalter', 'text', text);
  return mapChars(text, fromBw);
}
