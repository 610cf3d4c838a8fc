/**
 * The Buckwalter transliteration: Tim Buckwalter's reversible one-to-one table between Arabic letters/diacritics and
 * ASCII (as in the Penn Arabic Treebank, qamus.org and CAMeL Tools' `charmaps/ar2bw_map.json`), with the usual
 * extensions for پ چ ڤ گ (P J V G).
 *
 * Characters outside the table (spaces, digits, punctuation, Latin letters, other Arabic code points) pass through
 * unchanged. So `fromBuckwalter(toBuckwalter(s)) === s` holds for Arabic text, but ASCII letters already present in the
 * input do not round-trip: `toBuckwalter('b')` is `'b'`, which `fromBuckwalter` reads as ب. That is the standard
 * limitation of the scheme.
 */
import { requireString } from '../errors';

/** Arabic code unit → Buckwalter ASCII character. The one definition of the table. */
export const BUCKWALTER: Readonly<Record<string, string>> = Object.freeze({
  // hamza and its carriers
  'ء': "'", 'آ': '|', 'أ': '>', 'ؤ': '&', 'إ': '<', 'ئ': '}', 'ٱ': '{',
  // letters
  'ا': 'A', 'ب': 'b', 'ة': 'p', 'ت': 't', 'ث': 'v', 'ج': 'j', 'ح': 'H', 'خ': 'x', 'د': 'd', 'ذ': '*', 'ر': 'r',
  'ز': 'z', 'س': 's', 'ش': '$', 'ص': 'S', 'ض': 'D', 'ط': 'T', 'ظ': 'Z', 'ع': 'E', 'غ': 'g', 'ف': 'f', 'ق': 'q',
  'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'و': 'w', 'ى': 'Y', 'ي': 'y',
  // tatweel
  'ـ': '_',
  // tanween, harakat, shadda, sukun, superscript (dagger) alef
  'ً': 'F', 'ٌ': 'N', 'ٍ': 'K', 'َ': 'a', 'ُ': 'u', 'ِ': 'i', 'ّ': '~', 'ْ': 'o', 'ٰ': '`',
  // extensions for Persian and Maghrebi letters
  'پ': 'P', 'چ': 'J', 'ڤ': 'V', 'گ': 'G',
});

/** Both directions as code-unit lookup tables (every key and value is a single UTF-16 code unit). */
const TO_BW = new Map<number, string>();
const FROM_BW = new Map<number, string>();
for (const [ar, bw] of Object.entries(BUCKWALTER)) {
  TO_BW.set(ar.charCodeAt(0), bw);
  FROM_BW.set(bw.charCodeAt(0), ar);
}

function mapUnits(text: string, table: Map<number, string>): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const m = table.get(text.charCodeAt(i));
    if (m !== undefined) {
      out += text.slice(runStart, i) + m;
      runStart = i + 1;
    }
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/**
 * Arabic → Buckwalter ASCII. Throws a TypeError (`ERR_ARG_TYPE`) unless `text` is a string.
 * @example toBuckwalter('تَدْمُر') // 'tadomur'
 */
export function toBuckwalter(text: string): string {
  requireString('toBuckwalter', 'text', text);
  return mapUnits(text, TO_BW);
}

/**
 * Buckwalter ASCII → Arabic. Throws a TypeError (`ERR_ARG_TYPE`) unless `text` is a string.
 * @example fromBuckwalter('tdmr') // 'تدمر'
 */
export function fromBuckwalter(text: string): string {
  requireString('fromBuckwalter', 'text', text);
  return mapUnits(text, FROM_BW);
}
