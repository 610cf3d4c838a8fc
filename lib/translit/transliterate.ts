/** One entry point for the transliteration schemes. */
import { argValueError, requireString } from '../errors';
import { fromBuckwalter, toBuckwalter } from './buckwalter';
import { romanize, romanizeRules } from './romanize';

/**
 * - `buckwalter`: the standard reversible Buckwalter table (Arabic → ASCII); `buckwalter-reverse` goes back.
 * - `romanize` (default): a readable romanisation of names, learned from name pairs (Tadmur, Dayr al-Zur…).
 * - `rules`: the hand-written ALA-LC-like rule table the learned romaniser is measured against.
 */
export type Scheme = 'romanize' | 'buckwalter' | 'buckwalter-reverse' | 'rules';

const SCHEMES: Record<Scheme, (s: string) => string> = {
  romanize,
  buckwalter: toBuckwalter,
  'buckwalter-reverse': fromBuckwalter,
  rules: romanizeRules,
};

/**
 * @example transliterate('تدمر', 'buckwalter') // 'tdmr'
 * @example transliterate('tdmr', 'buckwalter-reverse') // 'تدمر'
 */
export function transliterate(text: string, scheme: Scheme = 'romanize'): string {
  requireString('transliterate', 'text', text);
  const fn = Object.prototype.hasOwnProperty.call(SCHEMES, scheme) ? SCHEMES[scheme] : undefined;
  if (!fn) throw argValueError('transliterate', 'scheme', `must be one of ${Object.keys(SCHEMES).join(', ')}, got ${JSON.stringify(scheme)}`);
  return fn(text);
}
