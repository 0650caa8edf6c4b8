import type { Db } from "../db/client";
import { uploads } from "../db/schema";
import type { ResidentPrincipal } from "../env";
import { ApiError } from "../http/errors";

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

const randomHex = (n: number) => [...crypto.getRandomValues(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * Stores a resident's photo in R2 under an unguessable key (128 random bits) and remembers who
 * uploaded it, so only they can attach it to a wish. Returns the key; the URL is `/media/<key>`.
 */
export async function storePhoto(db: Db, media: R2Bucket, resident: ResidentPrincipal, file: File, now = Date.now()) {
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError(413, "PAYLOAD_TOO_LARGE", "照片不能超过 2 MB，请压缩后再上传");
  if (file.size === 0) throw new ApiError(400, "VALIDATION_FAILED", "照片是空的", [{ field: "file", message: "请选择一张照片" }]);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = sniffImage(bytes);
  if (!kind) throw new ApiError(400, "UNSUPPORTED_MEDIA_TYPE", "只能上传 JPEG、PNG 或 WebP 格式的照片", [{ field: "file", message: "文件内容不是 JPEG、PNG 或 WebP 图片" }]);
  const key = `photos/${randomHex(16)}.${kind.ext}`;
  await media.put(key, bytes, { httpMetadata: { contentType: kind.type, cacheControl: "private, max-age=31536000, immutable" } });
  await db.insert(uploads).values({ key, userId: resident.id, contentType: kind.type, bytes: bytes.byteLength, createdAt: now });
  return { key, contentType: kind.type, bytes: bytes.byteLength };
}
