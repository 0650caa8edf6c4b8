import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema>;

/** A drizzle handle over the D1 binding; cheap, so made per request. */
export const getDb = (d1: D1Database): Db => drizzle(d1, { schema });
