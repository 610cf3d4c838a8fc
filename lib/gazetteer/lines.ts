/**
 * Compiled index lines looked up in place: one string of `key…` lines sorted by their first key (the text before the
 * first space or tab, in code-unit order), searched by bisection; `second` reads a line's second key (the phrase
 * index keeps the lines of one pair of words together). Loading costs one pass for the line starts, not a
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
    const i = this.bound(0, this.length, key, false);
    return this.opensWith(i, key) ? i : -1;
  }

  /** The lines whose first key is `key`: [from, to), empty where there are none. */
  range(key: string): [number, number] {
    const from = this.bound(0, this.length, key, false);
    // (most keys asked about open no line: one bisection)
    return this.opensWith(from, key) ? [from, this.bound(from + 1, this.length, key, true)] : [from, from];
  }

  /** The second key of line i (between its first space and the next space or tab), or '' when it has none. */
  second(i: number): string {
    const text = this.text;
    const end = this.starts[i + 1] - 1;
    let from = this.starts[i];
    while (from < end && text.charCodeAt(from) !== 0x20 && text.charCodeAt(from) !== 0x09) from++;
    if (from === end || text.charCodeAt(from) === 0x09) return '';
    let to = ++from;
    while (to < end && text.charCodeAt(to) !== 0x20 && text.charCodeAt(to) !== 0x09) to++;
    return text.slice(from, to);
  }

  /** The first line in [lo, hi) whose first key is ≥ `key` (`after`: > `key`), by bisection. */
  private bound(lo: number, hi: number, key: string, after: boolean): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compareAt(this.starts[mid], this.starts[mid + 1] - 1, key);
      if (c < 0 || (after && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Does line i open with `key` as its first key? */
  opensWith(i: number, key: string): boolean {
    return i < this.length && this.compareAt(this.starts[i], this.starts[i + 1] - 1, key) === 0;
  }

  /** The key at `from` (up to a space, a tab or `end`) against `key`. */
  private compareAt(from: number, end: number, key: string): number {
    const text = this.text;
    for (let k = 0; ; k++) {
      const c = from + k < end ? text.charCodeAt(from + k) : -1;
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
