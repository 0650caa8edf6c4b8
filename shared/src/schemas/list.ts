import * as z from "zod/mini";

/** `?limit=` (1–100, default 20) and `?cursor=` of every list in the contract. */
export const ListQuery = z.object({
  limit: z._default(
    z.coerce.number().check(z.int("每页条数必须是整数"), z.minimum(1, "每页至少1条"), z.maximum(100, "每页最多100条")),
    20,
  ),
  cursor: z.optional(z.string().check(z.maxLength(200, "分页标记无效"))),
});
export type ListQuery = z.infer<typeof ListQuery>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
