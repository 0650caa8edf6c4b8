import { describe, expect, it } from "vitest";
import { api } from "./helpers";

describe("community data", () => {
  it("GET /grids returns the 9 grids in order", async () => {
    const res = await api("GET", "/grids");
    expect(res.status).toBe(200);
    expect(res.body.items.map((g: { name: string }) => g.name)).toEqual([
      "第一网格", "第二网格", "第三网格", "第四网格", "第五网格", "第六网格", "第七网格", "第八网格", "第九网格",
    ]);
    for (const g of res.body.items) expect(g.id).not.toMatch(/^\d+$/);
  });

  it("GET /partners includes 吉林银行 and 八一小学 among the 12 co-building units", async () => {
    const res = await api("GET", "/partners");
    expect(res.status).toBe(200);
    const names = res.body.items.map((p: { name: string }) => p.name);
    expect(names).toContain("吉林银行");
    expect(names).toContain("八一小学");
    expect(names).toHaveLength(12);
  });
});
