import { Hono } from "hono";
import { requireAuth, residentOf, residentOnly } from "../auth/middleware";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { idempotent } from "../http/idempotency";
import { storePhoto } from "../services/uploads";

/** POST /uploads: one photo as multipart field `file` (what Taro.uploadFile sends). */
export const uploadRoutes = new Hono<AppEnv>().post("/uploads", requireAuth, residentOnly, idempotent, async (c) => {
  const resident = residentOf(c);
  let file: unknown;
  try {
    file = (await c.req.parseBody())["file"];
  } catch {
    file = undefined;
  }
  if (!(file instanceof File)) throw new ApiError(400, "VALIDATION_FAILED", "请选择要上传的照片", [{ field: "file", message: "缺少照片文件" }]);
  const stored = await storePhoto(getDb(c.env.DB), c.env.MEDIA, resident, file);
  return c.json({ url: `${new URL(c.req.url).origin}/media/${stored.key}`, ...stored }, 201);
});

/**
 * GET /media/<key>: a stored photo. The key is the capability: 128 random bits, never listed.
 * nosniff plus the sniffed content type keeps a disguised file from running as a page.
 */
export const mediaRoutes = new Hono<AppEnv>().get("/media/photos/:name{[a-f0-9]{32}\\.(jpg|png|webp)}", async (c) => {
  const object = await c.env.MEDIA.get(`photos/${c.req.param("name")}`);
  if (!object) throw new ApiError(404, "NOT_FOUND", "找不到这张照片");
  return new Response(object.body, {
    headers: {
      "content-type": object.httpMetadata?.contentType ?? "application/octet-stream",
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    },
  });
});
