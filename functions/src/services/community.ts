import type { Grid, Partner } from "@renxing/shared";
import { asc } from "drizzle-orm";
import type { Db } from "../db/client";
import { grids, partners } from "../db/schema";

export function listGrids(db: Db): Promise<Grid[]> {
  return db.select({ id: grids.id, name: grids.name }).from(grids).orderBy(asc(grids.sortOrder));
}

export function listPartners(db: Db): Promise<Partner[]> {
  return db.select({ id: partners.id, name: partners.name }).from(partners).orderBy(asc(partners.sortOrder));
}
