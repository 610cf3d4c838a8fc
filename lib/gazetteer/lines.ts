/**
 * Compiled index lines looked up in place: one string of `key…` lines sorted by their first key (the text before the
 * first space or tab, in code-unit order), searched by bisection. Loading costs one pass for the line starts, not a
 * string and a map entry per line, so the built-in gazetteer's index is ready at once and grows nothing until used.
 */
export class SortedLines {
  /** where each line starts, and one past the end of the text */
  private readonly starts: Int32Array;

  constructor(private readonly text: string) {
    let n = text ? 1 : 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    this.starts = new Int32Array(n + 1);
    let at = 0;
    for (let k = 0; k < n; k++) {
      this.starts[k] = at;
      const nl = text.indexOf('\n', at);
      at = nl < 0 ? text.length : nl + 1;
    }
    this.starts[n] = text.length + 1;
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** Line i, without its line end. */
  line(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1] - 1);
  }

  /** The first key of line i (up to its first space or tab). */
  key(i: number): string {
    const line = this.line(i);
    let end = line.indexOf(' ');
    const tab = line.indexOf('\t');
    if (end < 0 || (tab >= 0 && end > tab)) end = tab;
    return end < 0 ? line : line.slice(0, end);
  }

  /** What follows the first tab of line i. */
  value(i: number): string {
    const line = this.line(i);
    return line.slice(line.indexOf('\t') + 1);
  }

  /** The first line whose first key is `key`, or -1. */
  find(key: string): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.length && this.compare(lo, key) === 0 ? lo : -1;
  }

  /** Does line i open with `key` as its first key? */
  opensWith(i: number, key: string): boolean {
    return i < this.length && this.compare(i, key) === 0;
  }

  /** The first key of line i against `key`: negative, 0 or positive, as code-unit string order has it. */
  private compare(i: number, key: string): number {
    const text = this.text;
    const from = this.starts[i];
    for (let k = 0; ; k++) {
      const c = from + k < this.starts[i + 1] - 1 ? text.charCodeAt(from + k) : -1;
      const a = c === 0x20 || c === 0x09 ? -1 : c;
      const b = k < key.length ? key.charCodeAt(k) : -1;
      if (a !== b) return a - b;
      if (a === -1) return 0;
    }
  }
}

/** Code-unit order of strings, the order `SortedLines` searches in. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
