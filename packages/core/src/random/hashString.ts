/**
 * FNV-1a over a string's UTF-16 code units, as a 32-bit integer; `offset` (the basis) gives
 * independent hashes of the same text. Keys random streams by id and digests configurations;
 * not cryptographic. @internal
 */
export function hashString(text: string, offset = 0x811c9dc5): number {
  let h = offset;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
