/**
 * Errors that name what was wrong. Each carries a stable `code` (like spaCy's `[E997]`) so callers can branch on it.
 * Argument errors are plain TypeError / RangeError instances, as JavaScript users expect.
 */

export type ErrorCode =
  | 'ERR_ARG_TYPE' // an argument has the wrong type
  | 'ERR_ARG_VALUE' // an argument has the right type but an invalid value
  | 'ERR_GAZETTEER' // a gazetteer file or entry is invalid
  | 'ERR_FORMAT'; // input data in a file format is invalid

/** Describes a value for an error message: `null`, `an array`, `a number` … */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' ? 'an object' : t === 'undefined' ? 'undefined' : `a ${t}`;
}

/** A TypeError naming the function and the argument: `tokenize: argument 'text' must be a string, got null`. */
export function argTypeError(fn: string, arg: string, expected: string, got: unknown): TypeError {
  const e = new TypeError(`${fn}: argument '${arg}' must be ${expected}, got ${describe(got)}`);
  (e as TypeError & { code: ErrorCode }).code = 'ERR_ARG_TYPE';
  return e;
}

/** A RangeError naming the function and the argument. */
export function argValueError(fn: string, arg: string, message: string): RangeError {
  const e = new RangeError(`${fn}: argument '${arg}' ${message}`);
  (e as RangeError & { code: ErrorCode }).code = 'ERR_ARG_VALUE';
  return e;
}

/** Throws unless `v` is a string. */
export function requireString(fn: string, arg: string, v: unknown): asserts v is string {
  if (typeof v !== 'string') throw argTypeError(fn, arg, 'a string', v);
}

/** Throws unless `v` is undefined or a plain options object. */
export function requireOptions(fn: string, v: unknown): void {
  if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) {
    throw argTypeError(fn, 'options', 'an object', v);
  }
}

/** Throws unless every key of `options` is known. */
export function rejectUnknownOptions(fn: string, options: object | undefined, known: Iterable<string>): void {
  if (!options) return;
  const set = new Set(known);
  for (const k of Object.keys(options)) {
    if (!set.has(k)) throw argValueError(fn, 'options', `has an unknown option '${k}' (known: ${[...set].join(', ')})`);
  }
}

/** An invalid line in a data file: the message starts with `file:line:`. */
export class DataError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, readonly file: string, readonly line: number, readonly reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'DataError';
    this.code = code;
  }
}
