import * as z from "zod/mini";
import { id, nickname, phone, realName } from "./fields";

/** PUT /me: every field optional; `null` clears real name, phone or grid. */
export const UpdateMeBody = z.strictObject({
  nickname: z.optional(nickname),
  realName: z.optional(z.nullable(realName)),
  phone: z.optional(z.nullable(phone)),
  gridId: z.optional(z.nullable(id)),
});
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;
