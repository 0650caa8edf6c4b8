import type { StaffLoginResponse } from "@renxing/shared";
import { eq } from "drizzle-orm";
import { decoyHash, verifyPassword } from "../auth/password";
import { newSession } from "../auth/sessions";
import type { Db } from "../db/client";
import { staff } from "../db/schema";
import { ApiError } from "../http/errors";
import { auditInsert } from "./audit";

export const badCredentials = () => new ApiError(401, "UNAUTHENTICATED", "用户名或密码不正确");

/**
 * Checks a staff username and password and opens a session. Success and failure are both audited;
 * an unknown username costs the same hashing as a wrong password.
 */
export async function loginStaff(db: Db, username: string, password: string, now = Date.now()): Promise<StaffLoginResponse> {
  const member = await db.select().from(staff).where(eq(staff.username, username)).get();
  const ok = await verifyPassword(password, member?.passwordHash ?? (await decoyHash()));
  if (!member || !ok) {
    await auditInsert(db, { actor: { kind: "anonymous", id: member?.id, label: username }, action: "staff.login", outcome: "failed" }, now);
    throw badCredentials();
  }
  const session = await newSession(db, { staffId: member.id }, now);
  await db.batch([
    session.insert,
    auditInsert(db, { actor: { kind: "staff", id: member.id, label: member.username }, action: "staff.login", outcome: "ok" }, now),
  ]);
  return { token: session.token, staff: { id: member.id, username: member.username, role: member.role } };
}
