/**
 * A phone number as others may see it: `13812345678` → `138****5678`.
 * Only the owner and staff ever get the full number.
 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length < 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
