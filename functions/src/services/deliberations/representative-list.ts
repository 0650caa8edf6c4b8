import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { grids, representatives, staff, users } from "../../db/schema";
import type { Principal } from "../../env";
import { maskPhone } from "../../lib/mask";
import { volunteerName } from "../names";

/** A resident as the console's 居民代表 page lists them: enough to tell two 王s apart, no full phone. */
export interface ResidentChoice {
  userId: string;
  name: string;
  phoneMasked: string | null;
  gridName: string | null;
}

export interface Representative extends ResidentChoice {
  namedAt: number;
  namedBy: string;
}

export interface RepresentativesPage {
  representatives: Representative[];
  /** Residents matching the search, not yet representatives; empty without a search. */
  matches: ResidentChoice[];
}

const choiceColumns = {
  userId: users.id,
  name: volunteerName(users).as("resident_name"),
  phone: users.phone,
  gridName: sql<string | null>`${grids.name}`.as("grid_name"),
};

/**
 * 居民代表 for an admin, in one round trip: the named representatives, and the residents a search
 * finds to name one more (a full phone number, or part of a nickname or real name). Admins only.
 *
 * @example await representativesPage(db, admin, "13812340303")
 */
export async function representativesPage(db: Db, actor: Principal, search: string): Promise<RepresentativesPage> {
  assertAdmin(actor);
  const q = search.trim().slice(0, 30);
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const named = db
    .select({ ...choiceColumns, namedAt: representatives.namedAt, namedBy: sql<string>`${staff.displayName}`.as("named_by_name") })
    .from(representatives)
    .innerJoin(users, eq(users.id, representatives.userId))
    .innerJoin(staff, eq(staff.id, representatives.namedBy))
    .leftJoin(grids, eq(grids.id, users.gridId))
    .orderBy(desc(representatives.namedAt), asc(users.id))
    .limit(500);
  const found = db
    .select(choiceColumns)
    .from(users)
    .leftJoin(representatives, eq(representatives.userId, users.id))
    .leftJoin(grids, eq(grids.id, users.gridId))
    .where(
      and(
        isNull(representatives.userId),
        q.length < 2 ? sql`0` : sql`(${users.phone} = ${q} or ${users.nickname} like ${pattern} escape '\\' or ${users.realName} like ${pattern} escape '\\')`,
      ),
    )
    .orderBy(asc(users.nickname), asc(users.id))
    .limit(20);
  const [reps, matches] = await db.batch([named, found]);
  const choice = ({ phone, ...r }: { phone: string | null; userId: string; name: string; gridName: string | null }) => ({ ...r, phoneMasked: maskPhone(phone) });
  return { representatives: reps.map((r) => ({ ...choice(r), namedAt: r.namedAt, namedBy: r.namedBy })), matches: matches.map(choice) };
}
