/**
 * Arabic orthographic normalisation, option-driven, after CAMeL Tools' `utils/normalize.py` and `dediac.py`.
 *
 * Two kinds of step:
 * - folds replace one code unit by another (alef variants, alef maqsura, ta marbuta, hamza carriers, Persian letters,
 *   digits, no-break spaces). They never change the string's length, so offsets stay valid.
 * - removals drop code units (diacritics, tatweel, zero-width and bidi characters). They change the length, so they
 *   are off unless asked for; `normalizeWithMap` returns the way back to the original offsets.
 */
import { FOLDS, REMOVABLE, type FoldName, type RemovalName } from './chars';
import { argTypeError, rejectUnknownOptions, requireOptions, requireString } from './errors';

export interface NormalizeOptions {
  /** أ إ آ ٱ → ا (default true) */
  alef?: boolean;
  /** ى → ي (default true) */
  alefMaqsura?: boolean;
  /** ة → ه (default false: it loses the feminine ending, which matters for display but not for matching) */
  taMarbuta?: boolean;
  /** ؤ → و, ئ → ي (default true) */
  hamza?: boolean;
  /** ک → ك, ی → ي and other Persian/Urdu letters (default true) */
  persian?: boolean;
  /** Arabic-Indic and Persian digits → ASCII, ٫ ٬ → . , (default true) */
  digits?: boolean;
  /** no-break and fixed-width spaces → ' ' (default true) */
  spaces?: boolean;
  /** remove harakat, shadda, sukun, tanween, superscript alef (default false: changes length) */
  diacritics?: boolean;
  /** remove tatweel ـ (default false: changes length) */
  tatweel?: boolean;
  /** remove zero-width characters and bidi controls (default false: changes length) */
  invisible?: boolean;
}

export interface NormalizedText {
  /** the normalised string */
  text: string;
  /**
   * `map[i]` is the offset in the original string of the code unit at `text[i]`; `map[text.length]` is the original
   * length. `toOriginal(map, s, e)` turns a normalised span into the original one.
   */
  map: Uint32Array;
}

const FOLD_DEFAULTS: Record<FoldName, boolean> = {
  alef: true, alefMaqsura: true, taMarbuta: false, hamza: true, persian: true, digits: true, spaces: true,
};
const REMOVAL_DEFAULTS: Record<RemovalName, boolean> = { diacritics: false, tatweel: false, invisible: false };
const OPTION_NAMES = new Set<string>([...Object.keys(FOLD_DEFAULTS), ...Object.keys(REMOVAL_DEFAULTS)]);

interface Plan {
  fold: Map<number, number> | null;
  remove: ((c: number) => boolean) | null;
}

const planCache = new Map<string, Plan>();

function planFor(options: NormalizeOptions | undefined, fn: string): Plan {
  requireOptions(fn, options);
  rejectUnknownOptions(fn, options, OPTION_NAMES);
  const flags: string[] = [];
  for (const name of OPTION_NAMES) {
    const v = options?.[name as keyof NormalizeOptions];
    if (v !== undefined && typeof v !== 'boolean') throw argTypeError(fn, `options.${name}`, 'a boolean', v);
    const on = v ?? (FOLD_DEFAULTS as Record<string, boolean>)[name] ?? (REMOVAL_DEFAULTS as Record<string, boolean>)[name];
    if (on) flags.push(name);
  }
  const key = flags.join(',');
  let plan = planCache.get(key);
  if (!plan) {
    const fold = new Map<number, number>();
    const removals: Array<(c: number) => boolean> = [];
    for (const name of flags) {
      if (name in FOLDS) for (const [a, b] of FOLDS[name as FoldName]) fold.set(a, b);
      else removals.push(REMOVABLE[name as RemovalName]);
    }
    plan = {
      fold: fold.size ? fold : null,
      remove: removals.length === 0 ? null : removals.length === 1 ? removals[0] : (c) => removals.some((r) => r(c)),
    };
    planCache.set(key, plan);
  }
  return plan;
}

/**
 * Normalises Arabic text. With the default options the result has the same length as the input (folds only);
 * `diacritics`, `tatweel` and `invisible` remove characters and so change it (see `normalizeWithMap`).
 *
 * @example normalize('أعلنَ إيران') // 'اعلنَ ايران'
 * @example normalize('تدمـــر', { tatweel: true }) // 'تدمر'
 */
export function normalize(text: string, options?: NormalizeOptions): string {
  requireString('normalize', 'text', text);
  return applyPlan(text, planFor(options, 'normalize'));
}

function applyPlan(text: string, { fold, remove }: Plan): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (remove !== null && remove(c)) {
      out += text.slice(runStart, i);
      runStart = i + 1;
      continue;
    }
    const f = fold === null ? undefined : fold.get(c);
    if (f !== undefined) {
      out += text.slice(runStart, i) + String.fromCharCode(f);
      runStart = i + 1;
    }
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/**
 * Like `normalize`, with removals on by default, and a map from each normalised offset back to the original string.
 *
 * @example
 * const { text, map } = normalizeWithMap('تدمـر');  // text: 'تدمر'
 * toOriginal(map, 1, 4)                              // [1, 5]: 'دمـر' in the original
 */
export function normalizeWithMap(text: string, options?: NormalizeOptions): NormalizedText {
  requireString('normalizeWithMap', 'text', text);
  const { fold, remove } = planFor({ diacritics: true, tatweel: true, invisible: true, ...options }, 'normalizeWithMap');
  const codes: number[] = [];
  const map = new Uint32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (remove !== null && remove(c)) continue;
    codes.push(fold?.get(c) ?? c);
    map[n++] = i;
  }
  map[n] = text.length;
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return { text: out, map: map.slice(0, n + 1) };
}

/**
 * The original span of the normalised span `[start, end)`: from the original offset of its first unit to just after
 * the original offset of its last unit (removed characters inside the span are included, those at its edges are not).
 */
export function toOriginal(map: Uint32Array, start: number, end: number): [number, number] {
  if (end <= start) return [map[start], map[start]];
  return [map[start], map[end - 1] + 1];
}

const KEY_PLAN = planFor({ taMarbuta: true, diacritics: true, tatweel: true, invisible: true }, 'matchKey');
// the key also lower-cases ASCII letters: one more fold (a fresh map, not the cached plan's)
const KEY_FOLD = new Map(KEY_PLAN.fold!);
for (let c = 0x41; c <= 0x5a; c++) KEY_FOLD.set(c, c + 0x20);
const KEY: Plan = { fold: KEY_FOLD, remove: KEY_PLAN.remove };
const STRIP_PLAN = planFor({ alef: false, alefMaqsura: false, hamza: false, persian: false, digits: false, diacritics: true, tatweel: true, invisible: true }, 'normalize');

/** Folds only no-break spaces and removes diacritics, tatweel and invisible characters (internal: entity `normalized`). */
export function stripMarks(text: string): string {
  return applyPlan(text, STRIP_PLAN);
}

/**
 * The key used for matching names: every fold on (ta marbuta too), every removal on. Internal: the tokenizer, the
 * gazetteer and the model all compare words by this key. Latin letters are lower-cased.
 */
export function matchKey(text: string): string {
  return applyPlan(text, KEY);
}
