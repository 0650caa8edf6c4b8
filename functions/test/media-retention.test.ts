import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { getDb } from "../src/db/client";
import { sweepMedia } from "../src/services/media-retention";
import { openWish, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
const DAY = 24 * 3600_000;

async function upload(token: string) {
  const form = new FormData();
  form.append("file", new File([PNG], "photo.png", { type: "image/png" }));
  const res = await exports.default.fetch(new Request("http://localhost/api/v1/uploads", { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } }));
  return ((await res.json()) as { url: string; key: string });
}

const served = async (url: string) => (await exports.default.fetch(new Request(url))).status;
const ageUpload = (key: string, days: number) => env.DB.prepare("update uploads set created_at = ? where key = ?").bind(Date.now() - days * DAY, key).run();

/** A wish claimed by a volunteer who reported it done with one photo; confirmed when `complete`. */
async function fulfilledWithPhoto(prefix: string, complete: boolean) {
  const wisher = await residentLogin(`${prefix}-wisher`);
  const wishId = await openWish(wisher.token);
  const vol = await volunteer(`${prefix}-vol`);
  await api("POST", `/wishes/${wishId}/claim`, { token: vol.token });
  const photo = await upload(vol.token);
  const fulfilled = await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "送到了", photoUrls: [photo.url] } });
  expect(fulfilled.status).toBe(200);
  if (complete) expect((await api("POST", `/wishes/${wishId}/confirm`, { token: wisher.token, body: { rating: 5 } })).status).toBe(200);
  return { wishId, wisher, photo };
}

async function runDailyCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "30 18 * * *", scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("media retention", () => {
  it("the daily cron deletes uploads older than a day that no wish uses (row and photo), and keeps the rest", async () => {
    const { token } = await residentLogin("orphan-uploader");
    const abandoned = await upload(token);
    const fresh = await upload(token);
    const attached = await fulfilledWithPhoto("orphan-attached", false);
    await ageUpload(abandoned.key, 2);
    await ageUpload(attached.photo.key, 2);

    await runDailyCron();

    expect(await rows("select key from uploads where key = ?", abandoned.key)).toHaveLength(0);
    expect(await served(abandoned.url)).toBe(404);
    expect(await served(fresh.url)).toBe(200);
    expect(await served(attached.photo.url)).toBe(200);
    expect(await rows("select key from uploads where key in (?, ?)", fresh.key, attached.photo.key)).toHaveLength(2);
  });

  it("photos of a wish completed 180 days ago are deleted and the wish keeps its note; younger ones stay; audited", async () => {
    const old = await fulfilledWithPhoto("old-wish", true);
    const young = await fulfilledWithPhoto("young-wish", true);
    const fulfilledOnly = await fulfilledWithPhoto("unconfirmed-wish", false);
    await env.DB.prepare("update wishes set completed_at = ? where id = ?").bind(Date.now() - 181 * DAY, old.wishId).run();
    await env.DB.prepare("update wishes set completed_at = ? where id = ?").bind(Date.now() - 179 * DAY, young.wishId).run();

    const swept = await sweepMedia(getDb(env.DB), env.MEDIA);
    expect(swept).toMatchObject({ wishesErased: 1, photosErased: 1 });

    const view = await api("GET", `/wishes/${old.wishId}`, { token: old.wisher.token });
    expect(view.body.fulfilment).toMatchObject({ note: "送到了", photoUrls: [] });
    expect(await served(old.photo.url)).toBe(404);
    expect(await rows("select key from uploads where key = ?", old.photo.key)).toHaveLength(0);
    expect(await rows("select id from audit_log where action = 'wish.erase_photos'")).toHaveLength(1);

    expect((await api("GET", `/wishes/${young.wishId}`, { token: young.wisher.token })).body.fulfilment.photoUrls).toEqual([young.photo.url]);
    expect(await served(young.photo.url)).toBe(200);
    expect(await served(fulfilledOnly.photo.url)).toBe(200);

    // Nothing left to do: a second run changes nothing and audits nothing.
    expect(await sweepMedia(getDb(env.DB), env.MEDIA)).toMatchObject({ wishesErased: 0, photosErased: 0 });
    expect(await rows("select id from audit_log where action = 'wish.erase_photos'")).toHaveLength(1);
  });

  it("a stored photo whose row is gone is removed once it is older than a day; photos in use stay", async () => {
    const attached = await fulfilledWithPhoto("stray-attached", false);
    const strayKey = "photos/0123456789abcdef0123456789abcdef.png";
    await env.MEDIA.put(strayKey, PNG);

    expect((await sweepMedia(getDb(env.DB), env.MEDIA)).strayObjects).toBe(0);
    expect(await served(`http://localhost/media/${strayKey}`)).toBe(200);

    const swept = await sweepMedia(getDb(env.DB), env.MEDIA, Date.now() + 2 * DAY);
    expect(swept.strayObjects).toBe(1);
    expect(await served(`http://localhost/media/${strayKey}`)).toBe(404);
    expect(await served(attached.photo.url)).toBe(200);
  });
});
