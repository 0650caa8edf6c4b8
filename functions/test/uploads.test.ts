import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openWish, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

// The smallest real images of each kind (valid headers; enough for a decoder to recognise them).
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

async function upload(token: string | undefined, bytes: Uint8Array, filename: string, type: string) {
  const form = new FormData();
  form.append("file", new File([bytes], filename, { type }));
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await exports.default.fetch(new Request("http://localhost/api/v1/uploads", { method: "POST", body: form, headers }));
  return { status: res.status, body: (await res.json()) as any };
}

describe("photo uploads", () => {
  it("stores a PNG and a JPEG under unguessable same-origin URLs that serve the image", async () => {
    const { token } = await residentLogin("uploader");
    const png = await upload(token, PNG, "photo.png", "image/png");
    expect(png.status).toBe(201);
    expect(png.body.url).toMatch(/^http:\/\/localhost\/media\/photos\/[a-f0-9]{32}\.png$/);
    const jpeg = await upload(token, JPEG, "photo.jpg", "image/jpeg");
    expect(jpeg.body.url).toMatch(/\.jpg$/);

    const served = await exports.default.fetch(new Request(png.body.url));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    expect((await exports.default.fetch(new Request("http://localhost/media/photos/00000000000000000000000000000000.png"))).status).toBe(404);
  });

  it("rejects a text file renamed .jpg (checked by its bytes), and stores nothing", async () => {
    const { token, user } = await residentLogin("sneaky");
    const fake = new TextEncoder().encode("<script>alert('not a photo')</script>");
    const res = await upload(token, fake, "holiday.jpg", "image/jpeg");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await rows("select key from uploads where user_id = ?", user.id)).toHaveLength(0);
  });

  it("rejects a file over 2 MB with 413, and needs a login", async () => {
    const { token } = await residentLogin("big-photo");
    const big = new Uint8Array(2 * 1024 * 1024 + 100);
    big.set(JPEG.slice(0, 3));
    expect((await upload(token, big, "big.jpg", "image/jpeg")).status).toBe(413);
    expect((await upload(undefined, PNG, "a.png", "image/png")).status).toBe(401);
  });

  it("only the claimer may attach photos, and only photos they uploaded themselves", async () => {
    const wisher = await residentLogin("photo-wisher");
    const wishId = await openWish(wisher.token);
    const vol = await volunteer("photo-vol");
    const other = await residentLogin("photo-other");
    await api("POST", `/wishes/${wishId}/claim`, { token: vol.token });

    const othersPhoto = (await upload(other.token, PNG, "x.png", "image/png")).body.url;
    const refused = await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "送到了", photoUrls: [othersPhoto] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ field: "photoUrls", message: "只能使用自己上传的照片" }]);

    const mine = (await upload(vol.token, PNG, "done.png", "image/png")).body.url;
    const done = await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "送到了", photoUrls: [mine] } });
    expect(done.status).toBe(200);
    expect(done.body.fulfilment.photoUrls).toEqual([mine]);
    // The wisher and staff see the photo; a neighbour reading the public wish does not.
    expect((await api("GET", `/wishes/${wishId}`, { token: wisher.token })).body.fulfilment.photoUrls).toEqual([mine]);
    const publicView = await api("GET", `/wishes/${wishId}`, { token: other.token });
    expect(publicView.body.status).toBe("fulfilled");
    expect(publicView.body.fulfilment).toBeNull();
    expect(publicView.text).not.toContain("/media/");
  });
});

describe("storing a photo", () => {
  it("when R2 refuses the photo, its row is removed again and the resident gets a 503 to retry", async () => {
    const { env } = await import("cloudflare:test");
    const { getDb } = await import("../src/db/client");
    const { storePhoto } = await import("../src/services/uploads");
    const { user } = await residentLogin("r2-down");
    const failing = { put: () => Promise.reject(new Error("R2 unavailable")) } as unknown as R2Bucket;
    const file = new File([PNG], "a.png", { type: "image/png" });
    await expect(storePhoto(getDb(env.DB), failing, { kind: "user", id: user.id, openid: "", tokenHash: "" }, file)).rejects.toMatchObject({ status: 503, code: "STORAGE_UNAVAILABLE" });
    expect(await rows("select key from uploads where user_id = ?", user.id)).toHaveLength(0);
  });
});

describe("fulfilment photos come only from us", () => {
  async function claimedWish(prefix: string) {
    const wisher = await residentLogin(`${prefix}-wisher`);
    const wishId = await openWish(wisher.token);
    const vol = await volunteer(`${prefix}-vol`);
    await api("POST", `/wishes/${wishId}/claim`, { token: vol.token });
    return { wishId, vol };
  }

  it("a foreign host is refused on field photoUrls, even with a key the claimer really uploaded", async () => {
    const { wishId, vol } = await claimedWish("foreign");
    const mine = (await upload(vol.token, PNG, "done.png", "image/png")).body.url as string;
    const foreign = mine.replace("http://localhost", "https://evil.example");
    const res = await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "送到了", photoUrls: [foreign] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(["photoUrls"]);
    const lookalike = mine.replace("http://localhost", "http://localhost.evil.example");
    for (const url of [lookalike, mine.replace("http://localhost", "http://:")]) {
      expect((await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "送到了", photoUrls: [url] } })).status, url).toBe(400);
    }
  });

  it("anything but /media/photos/<32 hex>.(jpg|png|webp) is refused before the database is asked", async () => {
    const { wishId, vol } = await claimedWish("shape");
    for (const url of ["/media/../auth/dev-login", "/media/photos/abc.png", "/media/photos/0123456789abcdef0123456789abcdef.gif", "javascript:alert(1)//media/photos/0123456789abcdef0123456789abcdef.png"]) {
      const res = await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "送到了", photoUrls: [url] } });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details[0], url).toMatchObject({ field: expect.stringMatching(/^photoUrls/), message: "照片地址无效，请重新上传" });
    }
  });

  it("our own photo is accepted as a relative URL too", async () => {
    const { wishId, vol } = await claimedWish("relative");
    const mine = new URL((await upload(vol.token, PNG, "done.png", "image/png")).body.url).pathname;
    const done = await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "送到了", photoUrls: [mine] } });
    expect(done.status).toBe(200);
    expect(done.body.fulfilment.photoUrls).toEqual([mine]);
  });
});
