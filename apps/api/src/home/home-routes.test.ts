import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "../../test/support/test-config.js";
import { createTestApp, type TestApp } from "../../test/support/app-harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    UI_COLOR: "#ff6600",
    UI_MESSAGE: "Canary <b>v2</b>",
    APP_VERSION: "2.0.0",
  });
});
afterAll(() => t.close());

describe("home page", () => {
  it("shows version, hostname, the configured message (escaped) and the most-clicked links", async () => {
    await request(t.app)
      .post("/api/links")
      .set(auth)
      .send({ url: "https://example.org/<script>", slug: "popular" });
    await request(t.app).get("/popular").expect(302);
    const res = await request(t.app).get("/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.text).toContain("<code>2.0.0</code>");
    expect(res.text).toContain("Canary &lt;b&gt;v2&lt;/b&gt;");
    expect(res.text).toContain('href="/popular"');
    expect(res.text).toContain("https://example.org/&lt;script&gt;");
    expect(res.text).not.toContain("<script>alert");
  });

  it("serves the accent colour in its stylesheet and the form script from its own origin", async () => {
    const css = await request(t.app).get("/assets/home.css");
    expect(css.text).toContain("--accent: #ff6600");
    const js = await request(t.app).get("/assets/home.js");
    expect(js.headers["content-type"]).toMatch(/javascript/);
    expect(js.text).toContain('fetch("/api/links"');
  });

  it("still renders, with a 503 and a notice, when the database is down", async () => {
    const down = await createTestApp();
    await down.db.close();
    const res = await request(down.app).get("/");
    expect(res.status).toBe(503);
    expect(res.text).toContain("The database is unavailable");
  });
});
