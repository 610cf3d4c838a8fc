/**
 * The keys names are indexed and compared by: Arabic name words (match keys of the tokens of a name), the article-less
 * stem of a word, and for Latin names a plain key and a phonetic skeleton that survives romanisation variants.
 */
import { scan } from '../tokens';
import type { StemLexicon } from '../clitics';

const NO_STEMS: StemLexicon = { has: () => false };

/** The match keys of a name's words (`دير الزور` → ['دير', 'الزور']); punctuation is kept as its own key. */
export function nameWords(name: string): string[] {
  return scan(name, NO_STEMS, false).map((t) => t.norm);
}

/** The key without the article: `الرقه` → `رقه`; words of three letters or fewer keep it (`الى`). */
export function stripArticle(key: string): string {
  return key.length > 3 && key.charCodeAt(0) === 0x0627 && key.charCodeAt(1) === 0x0644 ? key.slice(2) : key;
}

/** the proclitics that names glue to a later word (الخاصة بلبنان، الموالية لإيران، غوث وتشغيل), longest first */
const GLUED_PROCLITICS = ['وب', 'ول', 'ب', 'ل', 'و'];

/**
 * Is this word key, met after the first word of a place's or an organisation's name, a proclitic glued to a word that
 * stands on its own (`known`): بلبنان in المحكمة الخاصة بلبنان is ب + لبنان? Such a word does not join the stem
 * lexicon, or it would outrank ب + لبنان wherever بلبنان is written (lib/clitics.ts). A proclitic followed by the
 * article is left out: that reading outranks the whole word anyway. ف and ك are left out too: inside names they are
 * mostly a name's own first letter (بوركينا فاسو، جزر كايمان).
 */
export function isGluedProclitic(key: string, known: (word: string) => boolean): boolean {
  for (const p of GLUED_PROCLITICS) {
    if (!key.startsWith(p)) continue;
    const rest = key.slice(p.length);
    if (rest.length >= 3 && !rest.startsWith('ال') && !(p.endsWith('ل') && rest.startsWith('ل')) && known(rest)) return true;
  }
  return false;
}

/** Latin key: lower case, accents and apostrophes/hyphens dropped, spaces collapsed (`Deir ez-Zor` → `deir ez zor`). */
export function latinKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’ʿʾ`‘]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A phonetic skeleton of a romanised name, so that spellings of the same Arabic sound meet: `Townsend`/`Townshend`,
 * `Tadmur`/`Tadmor`, `Hassan`/`Hasan`, `al-Raqqa`/`Ar-Raqqah`. The article goes, digraphs fold (kh→k, sh→s, th→t,
 * dh→d, gh→g, ph→f), q→k, j→g, w→u, y→i, h goes, doubled letters collapse, and every vowel but the first letter goes.
 */
export function phoneticKey(s: string): string {
  let k = latinKey(s)
    .replace(/\b(al|el|ar|as|ash|at|ad|an|az|ath)\s+/g, '') // article as a separate word: al raqqa
    .replace(/^(al|el)(?=[a-z]{3})/, '') // glued article: alraqqa
    .replace(/ /g, '');
  k = k
    .replace(/([aeiou])h\b/g, '$1') // raqqah → raqqa
    .replace(/(?<=[aeiouy])h$/, '')
    .replace(/kh/g, 'k')
    .replace(/sh|sch|ch/g, 's')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/gh/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/q|c(?=[aou])|ck/g, 'k')
    .replace(/j/g, 'g')
    .replace(/w/g, 'u')
    .replace(/y/g, 'i')
    .replace(/h/g, '')
    .replace(/(.)\1+/g, '$1');
  if (!k) return '';
  // keep the first letter (vowel or not), drop the other vowels
  return k[0] + k.slice(1).replace(/[aeiou]/g, '');
}
