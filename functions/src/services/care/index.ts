/**
 * Care for elders living alone (关爱独居老人): the service functions the API routes and the
 * staff console both call. Every one checks the caller itself (staff, grid scope, admin), so a
 * rule holds whichever door reaches it. Address and phone leave only to staff who may see the
 * grid and to volunteers paired now.
 */
export type { CareRecipientForStaff, CareRecipientList, CareVisit, OverdueCare, CareGridStats, CareStats } from "./types";
export { listCareRecipients, careRecipientForStaff } from "./read";
export { registerCareRecipient, updateCareRecipient } from "./recipients";
export { pairVolunteer, unpairVolunteer } from "./pairings";
export { listVisits, recordVisit } from "./visits";
export { myCare } from "./mine";
export { overdueCare } from "./overdue";
export { careStats } from "./stats";
