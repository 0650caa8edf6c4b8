import type { CareRiskLevel, Page, VisitFlag, VisitOutcome } from "@renxing/shared";

/**
 * What staff see of a care recipient (only staff who may see its grid ever get one): the
 * contact details, the consent and who recorded it, the volunteers paired now. Times are
 * Beijing ISO strings, `consentAt` a date.
 */
export interface CareRecipientForStaff {
  id: string;
  name: string;
  gridId: string;
  gridName: string;
  address: string;
  phone: string;
  emergencyContact: { name: string; phone: string };
  riskLevel: CareRiskLevel;
  needs: string | null;
  consentAt: string;
  consentRecordedBy: { id: string; name: string };
  active: boolean;
  endedAt: string | null;
  lastVisitAt: string | null;
  nextDueAt: string;
  /** Active and past `nextDueAt`. */
  overdue: boolean;
  pairings: { userId: string; name: string; pairedAt: string }[];
}

export type CareRecipientList = Page<Omit<CareRecipientForStaff, "pairings"> & { pairedCount: number }>;

export interface CareVisit {
  id: string;
  recipientId: string;
  volunteer: { id: string; name: string };
  visitedAt: string;
  minutes: number;
  outcome: VisitOutcome;
  flags: VisitFlag[];
  note: string | null;
  createdAt: string;
}

/** GET /admin/care/overdue: active recipients past `nextDueAt`, oldest due first. */
export interface OverdueCare {
  items: (Omit<CareRecipientForStaff, "pairings" | "consentRecordedBy" | "emergencyContact" | "consentAt"> & {
    /** Whole days since `nextDueAt`. */
    daysOverdue: number;
    volunteers: { userId: string; name: string }[];
  })[];
}

export interface CareGridStats {
  gridId: string;
  gridName: string;
  /** Active recipients by risk level now. */
  recipients: Record<CareRiskLevel, number> & { total: number };
  /** Visits recorded with `visitedAt` in the range, and of those the `visited` ones. */
  visits: number;
  visited: number;
  /** Visits in the range with at least one flag, and the flags by kind. */
  flaggedVisits: number;
  flags: Record<VisitFlag, number>;
  /** See careStats: due dates that fell in the range, how many were met, the rate (null when none fell due). */
  dueInRange: number;
  onTime: number;
  onTimeRate: number | null;
}

export interface CareStats {
  from: string;
  to: string;
  grids: CareGridStats[];
  total: Omit<CareGridStats, "gridId" | "gridName">;
}
