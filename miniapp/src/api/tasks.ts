import type { CheckInBody, MyHours, Page, Task } from "@renxing/shared";
import { call } from "./client";
import { getToken } from "./token";

const path = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;

/** 志愿任务 and 服务时长 endpoints of docs/api.md ("Service tasks and hours"). */
export const tasksApi = {
  /** Anyone may look; with a token each task carries the caller's own sign-up (`mySignup`). */
  list: () => call<Page<Task>>("GET", "/tasks", { auth: "optional" }),

  get: (taskId: string) => call<Task>("GET", path(taskId), { auth: "optional" }),

  signUp: (taskId: string) => call<{ id: string; status: "signed_up" }>("POST", `${path(taskId)}/signup`),

  withdraw: (taskId: string) => call<void>("DELETE", `${path(taskId)}/signup`),

  checkIn: (taskId: string, body: CheckInBody) => call<{ status: "checked_in"; checkedInAt: string }>("POST", `${path(taskId)}/check-in`, { body, quiet: true }),

  checkOut: (taskId: string) => call<{ status: "checked_out"; creditedMinutes: number }>("POST", `${path(taskId)}/check-out`),

  myHours: () => call<MyHours>("GET", "/me/hours"),
};

export const signedIn = () => Boolean(getToken());
