import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { insertSelect } from "../db/insert-select";
import { uploads } from "../db/schema";
import type { ResidentPrincipal } from "../env";
import { ApiError } from "../http/errors";
import { quotaExceeded, withinQuota } from "./limits/quotas";

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

/** Image kinds we accept, recognised by their first bytes, never by the file name or header. */
const KINDS = [
  { type: "image/jpeg", ext: "jpg", matches: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/png", ext: "png", matches: (b: Uint8Array) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v) },
  {
    type: "image/webp",
    ext: "webp",
    matches: (b: Uint8Array) => String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP",
  },
] as const;

export function sniffImage(bytes: Uint8Array) {
  return KINDS.find((k) => k.matches(bytes)) ?? null;
}

/**
 * The R2 key of a photo URL already shaped by the shared `photoUrl` rule, or null when it names
 * another origin: a URL on someone else's host is not our photo, whatever key it carries.
 *
 * @example photoKeyOf("/media/photos/0a….png", "https://renxing.example") // "photos/0a….png"
 */
export function photoKeyOf(url: string, origin: string): string | null {
  if (url.startsWith("/")) return url.slice("/media/".length);
  let absolute: URL;
  try {
    absolute = new URL(url);
  } catch {
    return null;
  }
  return absolute.origin === origin ? absolute.pathname.slice("/media/".length) : null;
}

const randomHex = (n: number) => [...crypto.getRandomValues(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * Stores a resident's photo in R2 under an unguessable key (128 random bits) and remembers who
 * uploaded it, so only they can attach it to a wish. Returns the key; the URL is `/media/<key>`.
 * The row comes first and carries the daily quota, so parallel uploads cannot pass it and no
 * object is ever stored without a row that the sweep can find.
 */
export async function storePhoto(db: Db, media: R2Bucket, resident: ResidentPrincipal, file: File, now = Date.now()) {
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError(413, "PAYLOAD_TOO_LARGE", "照片不能超过 2 MB，请压缩后再上传");
  if (file.size === 0) throw new ApiError(400, "VALIDATION_FAILED", "照片是空的", [{ field: "file", message: "请选择一张照片" }]);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = sniffImage(bytes);
  if (!kind) throw new ApiError(400, "UNSUPPORTED_MEDIA_TYPE", "只能上传 JPEG、PNG 或 WebP 格式的照片", [{ field: "file", message: "文件内容不是 JPEG、PNG 或 WebP 图片" }]);
  const key = `photos/${randomHex(16)}.${kind.ext}`;
  const inserted = await insertSelect(
    db,
    uploads,
    { key, userId: resident.id, contentType: kind.type, bytes: bytes.byteLength, createdAt: now },
    sql`where ${withinQuota("upload", resident.id, now)}`,
  ).returning({ key: uploads.key });
  if (inserted.length === 0) throw quotaExceeded("upload");
  try {
    await media.put(key, bytes, { httpMetadata: { contentType: kind.type, cacheControl: "private, max-age=31536000, immutable" } });
  } catch {
    await db.delete(uploads).where(eq(uploads.key, key));
    throw new ApiError(503, "STORAGE_UNAVAILABLE", "照片暂时保存不了，请稍后再试");
  }
  return { key, contentType: kind.type, bytes: bytes.byteLength };
}
