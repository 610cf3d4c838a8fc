/**
 * Storage for many small typed records (a word profile's feature hashes, its summed weights): slices of shared chunks
 * instead of one typed array each. A typed array of its own costs ~180 bytes of objects beside its data (the array,
 * its buffer, the buffer's allocation); tens of thousands of word forms paid that twice. A chunk is freed when the
 * last record in it goes, and the word-form caches drop forms a generation at a time, so chunks go whole.
 */
export class Arena<A extends Int32Array> {
  /** the chunk the last `reserve` returned an offset into */
  chunk: A;
  private used = 0;

  constructor(
    private readonly make: (length: number) => A,
    private readonly size: number,
  ) {
    this.chunk = make(size);
  }

  /** Reserves `n` zeroed slots and returns their offset into `this.chunk` (a new chunk when this one is full). */
  reserve(n: number): number {
    if (this.used + n > this.chunk.length) {
      this.chunk = this.make(Math.max(this.size, n));
      this.used = 0;
    }
    const at = this.used;
    this.used += n;
    return at;
  }
}
