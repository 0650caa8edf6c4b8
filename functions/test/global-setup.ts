import type { TestProject } from "vitest/node";
import { startFakeWechat } from "./fake-wechat";

declare module "vitest" {
  export interface ProvidedContext {
    wechatBase: string;
  }
}

export default async function setup(project: TestProject) {
  const { url, server } = await startFakeWechat({ appid: "wx-test-appid", secret: "wx-test-secret" });
  project.provide("wechatBase", url);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
