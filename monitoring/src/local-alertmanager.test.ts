import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { missing, onPath, run } from "../test/support/tools.js";
import {
  composeAlertmanagerConfig,
  localAlertmanagerConfig,
  projectAlertmanagerConfig,
  type AlertmanagerConfig,
} from "./local-alertmanager.js";

const project = projectAlertmanagerConfig();
const hook = "http://127.0.0.1:9095/alertmanager";

/** amtool check-config on a variant: the variants are loaded by the real Alertmanager. */
async function amtoolAccepts(config: AlertmanagerConfig): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "am-variant-")), "alertmanager.yml");
  writeFileSync(file, stringify(config));
  return (await run("amtool", ["check-config", file])).stdout;
}

describe("Alertmanager variants for the demo and compose", () => {
  it("local: every notifying receiver posts to the demo's receiver with resolved; routing unchanged", () => {
    const local = localAlertmanagerConfig(hook);
    expect(local.route).toEqual(project.route);
    expect(local.inhibit_rules).toEqual(project.inhibit_rules);
    expect(local.receivers.find((r) => r.name === "null")).toEqual({ name: "null" });
    for (const name of ["page", "ticket"])
      expect(local.receivers.find((r) => r.name === name)).toEqual({
        name,
        webhook_configs: [{ url: hook, send_resolved: true }],
      });
    // No SMTP and no secret files to provide.
    expect(JSON.stringify(local)).not.toMatch(/smtp_|_file/);
  });

  it("local with timings: the root and the children that set their own waits are cut short", () => {
    const fast = localAlertmanagerConfig(hook, {
      resolve_timeout: "10s",
      group_wait: "1s",
      group_interval: "1s",
    });
    expect(fast.global?.resolve_timeout).toBe("10s");
    expect(fast.route.group_wait).toBe("1s");
    const page = fast.route.routes?.find((r) => r.receiver === "page");
    expect(page?.group_interval).toBe("1s");
    expect(page?.repeat_interval).toBe("1h"); // untouched when not asked
    const ticket = fast.route.routes?.find((r) => r.receiver === "ticket");
    expect(ticket?.group_wait).toBeUndefined(); // still inherits from the root
  });

  it("compose: page and ticket e-mail Mailpit without TLS or credentials", () => {
    const compose = composeAlertmanagerConfig();
    expect(compose.route).toEqual(project.route);
    expect(compose.global).toMatchObject({
      smtp_smarthost: "mailpit:1025",
      smtp_require_tls: false,
    });
    expect(JSON.stringify(compose)).not.toMatch(/smtp_auth|_file|webhook/);
    expect(compose.receivers.map((r) => r.email_configs)).toEqual([
      undefined,
      [{ to: "oncall@shortlinks.example.org", send_resolved: true }],
      [{ to: "platform-team@shortlinks.example.org", send_resolved: true }],
    ]);
  });

  it("both are accepted by amtool check-config", async (ctx) => {
    if (!onPath("amtool", "the local Alertmanager's config checked by amtool"))
      return ctx.skip(missing("amtool", "prometheus-alertmanager"));
    expect(await amtoolAccepts(localAlertmanagerConfig(hook, { group_wait: "1s" }))).toMatch(
      /SUCCESS/,
    );
    expect(await amtoolAccepts(composeAlertmanagerConfig())).toMatch(/SUCCESS/);
  });
});
