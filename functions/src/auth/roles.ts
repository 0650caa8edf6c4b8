import type { Principal, StaffPrincipal } from "../env";
import { forbidden } from "../http/errors";

/**
 * Role checks for the service layer: services call these themselves, so a rule holds whichever
 * route (API or console) reaches it.
 */
export function assertAdmin(actor: Principal): asserts actor is StaffPrincipal & { role: "admin" } {
  if (actor.kind !== "staff" || actor.role !== "admin") throw forbidden("只有社区管理员可以进行此操作");
}

export function assertStaff(actor: Principal): asserts actor is StaffPrincipal {
  if (actor.kind !== "staff") throw forbidden("只有社区工作人员可以进行此操作");
}
