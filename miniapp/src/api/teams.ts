import type { ListBody, MyApplication, Team, TeamApplicationBody } from "@renxing/shared";
import { call } from "./client";

/** 志愿队伍 endpoints of the contract's "Volunteer teams" section. */
export const teamsApi = {
  list: () => call<ListBody<Team>>("GET", "/teams", { auth: "optional" }),

  get: (id: string) => call<Team>("GET", `/teams/${encodeURIComponent(id)}`, { auth: "optional" }),

  /** `quiet`: the apply form shows field problems inline and the rest itself. */
  apply: (teamId: string, body: TeamApplicationBody) =>
    call<{ id: string; status: "pending" }>("POST", `/teams/${encodeURIComponent(teamId)}/applications`, { body, quiet: true }),

  myApplications: () => call<ListBody<MyApplication>>("GET", "/me/applications"),

  leave: (teamId: string) => call<void>("DELETE", `/teams/${encodeURIComponent(teamId)}/membership`),
};
