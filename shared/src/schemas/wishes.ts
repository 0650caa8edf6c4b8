import * as z from "zod/mini";
import { PUBLIC_WISH_STATUSES, WISH_CATEGORIES, WISH_STATUSES, type WishCategory, type WishStatus } from "../statuses";
import { id, phone, realName } from "./fields";
import { ListQuery } from "./list";

export const WishBody = z.object({
  title: z.string().check(z.trim(), z.minLength(2, "心愿标题至少2个字"), z.maxLength(40, "心愿标题最多40个字")),
  story: z.string().check(z.trim(), z.minLength(10, "请用至少10个字说说心愿的来由"), z.maxLength(500, "心愿描述最多500个字")),
  category: z.enum(WISH_CATEGORIES, "请选择心愿类别"),
  estimatedValueYuan: z.optional(
    z.number("预估金额必须是数字").check(z.int("预估金额请填整数"), z.minimum(0, "预估金额不能为负数"), z.maximum(2000, "预估金额最多2000元")),
  ),
});
export type WishBody = z.infer<typeof WishBody>;

/** Staff record a wish for a resident without a phone of their own. */
export const AdminWishBody = z.extend(WishBody, {
  onBehalfOf: z.object({ name: realName, phone, gridId: id }),
});
export type AdminWishBody = z.infer<typeof AdminWishBody>;

export const ClaimWishBody = z.object({ partnerId: z.optional(id) });
export type ClaimWishBody = z.infer<typeof ClaimWishBody>;

/**
 * A photo URL as POST /uploads returns it: `/media/photos/<32 hex>.<ext>`, relative or absolute.
 * Whether an absolute one is on our own origin only the server can tell, and it does.
 */
export const photoUrl = z.string().check(z.regex(/^(https?:\/\/[A-Za-z0-9.:-]+)?\/media\/photos\/[a-f0-9]{32}\.(jpg|png|webp)$/, "照片地址无效，请重新上传"));

export const FulfilWishBody = z.object({
  note: z.string().check(z.trim(), z.minLength(2, "请简单写写完成情况"), z.maxLength(300, "完成说明最多300个字")),
  photoUrls: z.optional(z.array(photoUrl).check(z.maxLength(6, "最多6张照片"))),
});
export type FulfilWishBody = z.infer<typeof FulfilWishBody>;

export const ConfirmWishBody = z.object({
  rating: z.number("请选择评分").check(z.int("评分是1到5的整数"), z.minimum(1, "评分是1到5的整数"), z.maximum(5, "评分是1到5的整数")),
  thanks: z.optional(z.string().check(z.trim(), z.maxLength(200, "感谢的话最多200个字"))),
});
export type ConfirmWishBody = z.infer<typeof ConfirmWishBody>;

export const ReviewWishBody = z
  .object({
    approve: z.boolean("请选择通过或不通过"),
    reason: z.optional(z.string().check(z.trim(), z.maxLength(200, "原因最多200个字"))),
  })
  .check(z.refine((d) => d.approve || (d.reason?.length ?? 0) > 0, { message: "不通过时请填写原因", path: ["reason"] }));
export type ReviewWishBody = z.infer<typeof ReviewWishBody>;

export const PublicWishesQuery = z.extend(ListQuery, {
  status: z.optional(z.enum(PUBLIC_WISH_STATUSES, "状态只能是 open、claimed、fulfilled 或 completed")),
  category: z.optional(z.enum(WISH_CATEGORIES, "没有这个心愿类别")),
});

export const AdminWishesQuery = z.extend(ListQuery, {
  status: z.optional(z.enum(WISH_STATUSES, "没有这个心愿状态")),
  gridId: z.optional(id),
});

export const AssignRepresentativeBody = z.object({ userId: id });

export interface PublicWish {
  id: string;
  title: string;
  story: string;
  category: WishCategory;
  status: WishStatus;
  wisherName: string;
  gridName: string | null;
  createdAt: string;
  claimer: { kind: "volunteer" | "partner"; name: string } | null;
}

/** What the wisher, the claimer and staff see beyond the public view. */
export interface WishDetail extends PublicWish {
  estimatedValueYuan: number | null;
  isMine: boolean;
  isClaimedByMe: boolean;
  reviewReason: string | null;
  fulfilment: { note: string; photoUrls: string[]; fulfilledAt: string } | null;
  confirmation: { rating: number; thanks: string | null; completedAt: string } | null;
}

export interface AdminWish extends WishDetail {
  wisher: { userId: string | null; name: string; phone: string | null; onBehalf: boolean };
  gridId: string | null;
}
