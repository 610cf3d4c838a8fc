/** FNV-1a over UTF-16 code units: in-place key sets (lib/keyset.ts). */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 16777619;

/** FNV-1a of `text.slice(start, end)`'s code units (32 bits, as a signed integer). */
export function fnv1a(text: string, start = 0, end = text.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}
