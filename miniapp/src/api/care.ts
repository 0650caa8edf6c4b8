import type { ListBody, PairedRecipient, VisitBody, VisitFlag, VisitOutcome } from "@renxing/shared";
import { call } from "./client";

/** One visit of an elder's history (GET /care/:recipientId/visits), newest first. */
export interface CareVisit {
  id: string;
  visitedAt: string;
  minutes: number;
  outcome: VisitOutcome;
  flags: VisitFlag[];
  note: string | null;
  /** Who visited: the volunteer's name as the community knows it. */
  volunteer: { id: string; name: string };
}

const visitsPath = (recipientId: string) => `/care/${encodeURIComponent(recipientId)}/visits`;

/** 关爱独居老人 endpoints of the contract's "Care for elders living alone" section (the volunteer's side). */
export const careApi = {
  /** The elders paired with the caller, overdue first. */
  mine: () => call<ListBody<PairedRecipient>>("GET", "/me/care"),

  /** `quiet`: the form shows field problems and the server's refusal itself. */
  recordVisit: (recipientId: string, body: VisitBody) => call<CareVisit>("POST", visitsPath(recipientId), { body, quiet: true }),

  visits: (recipientId: string) => call<ListBody<CareVisit>>("GET", visitsPath(recipientId)),
};
