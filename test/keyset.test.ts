import { builtin } from '../lib/data';
import { fnv1a } from '../lib/hash';
import { ByteChunks, ScratchBytes } from '../lib/scratch';
import { KeySet, keySlots } from '../lib/keyset';
import { unpackArray } from '../lib/packed';

describe('KeySet', () => {
  const set = (keys: string[]) => {
    const lines = keys.join('\n');
    return new KeySet(lines, keySlots(lines));
  };

  it('holds exactly its keys: no prefix, extension or empty key of one', () => {
    const s = set(['تدمر', 'تدمري', 'ab', 'a', 'دير الزور']);
    for (const k of ['تدمر', 'تدمري', 'ab', 'a', 'دير الزور']) expect(s.has(k)).toBe(true);
    for (const k of ['تدم', 'تدمرية', 'abc', 'b', '', 'دير', 'تدمر\nتدمري']) expect(s.has(k)).toBe(false);
  });

  it('is empty over no lines, and keeps keys that share a hash slot apart', () => {
    const empty = set([]);
    expect(empty.has('')).toBe(false);
    expect(empty.has('x')).toBe(false);
    // many keys in a small table: collisions and wrap-around probing
    const keys = Array.from({ length: 500 }, (_, i) => `k${i}`);
    const s = set(keys);
    for (const k of keys) expect(s.has(k)).toBe(true);
    for (let i = 500; i < 1000; i++) expect(s.has(`k${i}`)).toBe(false);
  });

  it('rejects a slot table whose length is not a power of two', () => {
    expect(() => new KeySet('a', new Uint32Array(3))).toThrow(/power of two/);
  });

  it('the shipped tables answer as Sets of the shipped lines do', () => {
    for (const [lines, slots] of [
      [builtin.stems, builtin.stemSlots],
      [builtin.lexicon.personNames, builtin.lexicon.personNameSlots],
    ] as const) {
      const keys = lines.split('\n');
      const s = new KeySet(lines, unpackArray(slots));
      const plain = new Set(keys);
      expect(keys.length).toBeGreaterThan(10_000);
      for (const k of keys) expect(s.has(k)).toBe(true);
      // words one letter off the keys are mostly not keys: the set agrees with a Set on every one
      for (const k of keys.slice(0, 3000)) for (const probe of [k + 'ة', k.slice(1), 'و' + k]) expect(s.has(probe)).toBe(plain.has(probe));
    }
  });
});

describe('fnv1a', () => {
  it('is FNV-1a over UTF-16 code units (reference values)', () => {
    expect(fnv1a('') >>> 0).toBe(0x811c9dc5);
    expect(fnv1a('a') >>> 0).toBe(0xe40c292c);
    expect(fnv1a('foobar') >>> 0).toBe(0xbf9cf968);
    expect(fnv1a('xfoobarx', 1, 7)).toBe(fnv1a('foobar'));
  });
});

describe('ScratchBytes', () => {
  test('hands out zeroed views of one kept table, and a table of its own beyond the cap', () => {
    const s = new ScratchBytes();
    const a = s.zeroed(3000);
    a.fill(7);
    const b = s.zeroed(2000);
    expect(b.length).toBe(2000);
    expect(b.every((x) => x === 0)).toBe(true);
    expect(b.buffer).toBe(a.buffer);
    expect(s.copyOf(Uint8Array.of(1, 2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    const big = s.zeroed(5000, 4096);
    expect(big.buffer).not.toBe(a.buffer);
    expect(big.length).toBe(5000);
  });
});

describe('ByteChunks', () => {
  test('hands out zeroed tables of their own, cut from shared chunks, and a table of its own when large', () => {
    const c = new ByteChunks(1024);
    const a = c.take(100);
    a.fill(9);
    const b = c.take(100);
    expect(b.every((x) => x === 0)).toBe(true);
    expect(b.buffer).toBe(a.buffer);
    expect(a.every((x) => x === 9)).toBe(true);
    // a chunk's end: the next table starts a new chunk
    for (let k = 0; k < 8; k++) c.take(100);
    const d = c.take(100);
    expect(d.buffer).not.toBe(a.buffer);
    expect(a.every((x) => x === 9)).toBe(true);
    expect(c.take(300).buffer.byteLength).toBe(300);
  });
});
