/**
 * A set of keys kept as one string of lines and looked up in place. Its slot table (FNV-1a of the key, linear
 * probing, at most three quarters full; each slot the start of a line + 1, 0 when empty) is made at build time by
 * `keySlots` and shipped beside the lines, so loading a list costs no string and no set entry per key: as Sets, the
 * 34 K stems and 15 K person-name words took ~25 ms of the cold start (splitting, hashing and the garbage collection
 * after).
 */
import { fnv1a } from './hash';

export class KeySet {
  private readonly mask: number;

  /** `lines`: the keys, one a line; `slots`: `keySlots(lines)`, in any typed array that holds its values */
  constructor(
    private readonly lines: string,
    private readonly slots: Uint8Array | Uint16Array | Uint32Array | Int32Array,
  ) {
    if (slots.length === 0 || (slots.length & (slots.length - 1)) !== 0) throw new RangeError(`KeySet: the slot table's length must be a power of two, got ${slots.length}`);
    this.mask = slots.length - 1;
  }

  has(key: string): boolean {
    const { lines, slots, mask } = this;
    const len = key.length;
    for (let j = fnv1a(key) & mask; slots[j] !== 0; j = (j + 1) & mask) {
      const start = slots[j] - 1;
      const end = start + len;
      if (end > lines.length || (end < lines.length && lines.charCodeAt(end) !== 0x0a)) continue;
      let k = 0;
      // (a key holding a line break would match across lines)
      while (k < len && lines.charCodeAt(start + k) === key.charCodeAt(k) && key.charCodeAt(k) !== 0x0a) k++;
      if (k === len) return true;
    }
    return false;
  }
}

/** The slot table of a `KeySet` over these lines (build time: scripts/compile-data.ts). */
export function keySlots(lines: string): Uint32Array {
  const keys = lines ? lines.split('\n') : [];
  let size = 2;
  while (size * 3 < 4 * keys.length) size *= 2;
  const slots = new Uint32Array(size);
  const mask = size - 1;
  let start = 0;
  for (const key of keys) {
    let j = fnv1a(key) & mask;
    while (slots[j] !== 0) j = (j + 1) & mask;
    slots[j] = start + 1;
    start += key.length + 1;
  }
  return slots;
}
