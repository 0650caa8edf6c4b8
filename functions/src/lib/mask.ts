/**
 * A phone number as others may see it: `13812345678` → `138****5678`.
 * Only the owner and staff ever get the full number.
 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length < 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/**
 * A person's name as the public sees it: the first character and two stars, `张秀英` → `张**`.
 * Works on characters, not UTF-16 units, so a name starting with an emoji stays intact.
 */
export function maskName(name: string | null | undefined): string {
  const first = [...(name ?? "").trim()][0];
  return first ? `${first}**` : "匿名**";
}
