import type { CommentBody, DeliberationDetail, DeliberationListItem, DeliberationStage, ObjectionBody, Page, SuggestionBody, VoteBody, VoteChoice } from "@renxing/shared";
import { call } from "./client";

/** A resident's comment during 两委商议, shown by nickname only. */
export interface DeliberationComment {
  id: string;
  text: string;
  nickname: string;
  createdAt: string;
}

/** One of the resident's own suggestions and the topic it became, if any. */
export interface MySuggestion {
  id: string;
  title: string;
  text: string;
  createdAt: string;
  deliberation: { id: string; title: string; stage: DeliberationStage } | null;
}

const topicPath = (id: string, action = "") => `/deliberations/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;

/** 居民议事厅 endpoints of the contract's "Deliberation hall" section (the resident's side). */
export const deliberationsApi = {
  list: (query: { stage?: DeliberationStage; cursor?: string }) => {
    const params = ["limit=20"];
    if (query.stage) params.push(`stage=${query.stage}`);
    if (query.cursor) params.push(`cursor=${encodeURIComponent(query.cursor)}`);
    return call<Page<DeliberationListItem>>("GET", `/deliberations?${params.join("&")}`, { auth: "optional" });
  },

  /** Signed in, the answer also says how the resident voted and whether they may. */
  get: (id: string) => call<DeliberationDetail>("GET", topicPath(id), { auth: "optional" }),

  comments: (id: string, cursor?: string) =>
    call<Page<DeliberationComment>>("GET", `${topicPath(id, "comments")}?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { auth: "optional" }),

  /** `quiet` (and below): the card shows the refusal (ALREADY_VOTED, CONTENT_REJECTED …) itself. */
  comment: (id: string, body: CommentBody) => call<DeliberationComment>("POST", topicPath(id, "comments"), { body, quiet: true }),

  vote: (id: string, body: VoteBody) => call<{ choice: VoteChoice }>("POST", topicPath(id, "votes"), { body, quiet: true }),

  object: (id: string, body: ObjectionBody) => call<unknown>("POST", topicPath(id, "objections"), { body, quiet: true }),

  suggest: (body: SuggestionBody) => call<{ id: string }>("POST", "/suggestions", { body, quiet: true }),

  mySuggestions: () => call<Page<MySuggestion>>("GET", "/me/suggestions?limit=100"),
};
