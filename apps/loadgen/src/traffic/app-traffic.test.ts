import { startApiProcess, type ApiProcess } from "@fil-rouge/api/process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../seeded-random.js";
import { APP_TRAFFIC, DEMO_LINKS } from "./app-traffic.js";
import { HttpClient } from "./http-client.js";

// The sample application's traffic against the real API: its operations do what they say, as the
// API's own link metrics count them. The generic checks are in ../load-generator.test.ts.
let api: ApiProcess;
let http: HttpClient;
beforeAll(async () => {
  api = await startApiProcess();
  http = new HttpClient(api.url, api.token);
});
afterAll(async () => {
  await http.close();
  await api.stop();
});

const metric = async (series: string) => {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const escaped = series.replace(/[{}"/:]/g, "\\$&");
  return Number(new RegExp(`^${escaped} (\\d+)`, "m").exec(text)?.[1] ?? 0);
};

const slugs = async () =>
  (
    (await http.call("GET", "/api/links?limit=100")).json as { items: { slug: string }[] }
  ).items.map((item) => item.slug);

describe("the sample's traffic", () => {
  it("seeds the demo links once: a second seed finds them and creates nothing", async () => {
    const session = APP_TRAFFIC.session(http, seededRandom(3));
    await session.seed();
    await APP_TRAFFIC.session(http, seededRandom(4)).seed();
    const known = await slugs();
    for (const { slug } of DEMO_LINKS) expect(known.filter((s) => s === slug)).toHaveLength(1);
    expect(session.describe()).toBe(`${DEMO_LINKS.length} links known`);
  });

  it("follows known links, which the API counts as found redirects; creations count too", async () => {
    const session = APP_TRAFFIC.session(http, seededRandom(5));
    await session.seed();
    const [found, created] = [
      await metric('shortlinks_redirects_total{result="found"}'),
      await metric("shortlinks_links_created_total"),
    ];
    for (let i = 0; i < 20; i++) expect(await session.perform("redirect")).toBe(302);
    expect(await session.perform("create")).toBe(201);
    expect(await session.perform("not-found")).toBe(404);
    expect(await session.perform("bad-input")).toBe(400);
    expect(await metric('shortlinks_redirects_total{result="found"}')).toBe(found + 20);
    expect(await metric("shortlinks_links_created_total")).toBe(created + 1);
  });

  it("refuses an operation it does not describe", async () => {
    await expect(APP_TRAFFIC.session(http, Math.random).perform("delete-all")).rejects.toThrow(
      /unknown operation "delete-all"/,
    );
  });

  it("smoke: shortens, follows, deletes, and leaves no link behind", async () => {
    const before = await slugs();
    const steps: string[] = [];
    await APP_TRAFFIC.smoke(http, (line) => steps.push(line));
    expect(steps).toHaveLength(3);
    expect(steps[1]).toMatch(
      /^GET \/smoke-[0-9a-f]{8} redirects to https:\/\/example\.org\/smoke\//,
    );
    expect(await slugs()).toEqual(before);
  });

  it("smoke: a refused token fails on the first call, with its status", async () => {
    const wrong = new HttpClient(api.url, "wrong-token-0123456789");
    await expect(APP_TRAFFIC.smoke(wrong, () => undefined)).rejects.toThrow(
      /POST \/api\/links: expected 201, got 401/,
    );
    await wrong.close();
  });
});
