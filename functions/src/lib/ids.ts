const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32: no i, l, o, u

/**
 * A new opaque identifier such as `usr_4k9x…`: 20 random base32 characters (100 bits) after a
 * prefix naming the kind, so ids are unguessable, unordered and still readable in logs.
 *
 * @example newId("usr") // "usr_0f3m8c1x9d2k7p4q6r5s"
 */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}
