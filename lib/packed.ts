/** Typed arrays in JSON data (the built-in data and models): packed at build time, unpacked on load. */

/** A typed array in JSON data: its type and its bytes in base64 (little-endian, as every platform Node runs on). */
export interface PackedArray {
  type: 'Uint8Array' | 'Uint16Array' | 'Uint32Array' | 'Int32Array';
  base64: string;
}

const ARRAY_TYPES = { Uint8Array, Uint16Array, Uint32Array, Int32Array };

/** Packs integers into the smallest typed array that holds them (build time: scripts/compile-data.ts). */
export function packArray(values: ArrayLike<number>): PackedArray {
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isInteger(values[i])) throw new RangeError(`packArray: ${values[i]} at ${i} is not an integer`);
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const type = min < 0 ? 'Int32Array' : max < 256 ? 'Uint8Array' : max < 65536 ? 'Uint16Array' : 'Uint32Array';
  if ((type === 'Int32Array' && (min < -(2 ** 31) || max >= 2 ** 31)) || max >= 2 ** 32) throw new RangeError(`packArray: values from ${min} to ${max} do not fit 32 bits`);
  const a = ARRAY_TYPES[type].from(values);
  return { type, base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') };
}

/** The typed array a `PackedArray` holds. */
export function unpackArray(p: PackedArray): Uint8Array | Uint16Array | Uint32Array | Int32Array {
  const bytes = fromBase64(p.base64); // a fresh buffer at offset 0, so aligned for any element size
  return new ARRAY_TYPES[p.type](bytes.buffer as ArrayBuffer, 0, bytes.byteLength / ARRAY_TYPES[p.type].BYTES_PER_ELEMENT);
}

/** Base64 to bytes: Node's native decoder when there is one (a few ms faster on the model), else `atob` (browsers). */
export function fromBase64(s: string): Uint8Array {
  const B = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (B) return new Uint8Array(B.from(s, 'base64'));
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
