import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";
import { featureSettings } from "./feature.js";

const valid = { API_TOKEN: "0123456789abcdef" };

describe("loadConfig", () => {
  it("applies defaults and picks the embedded database without DATABASE_URL", () => {
    const config = loadConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: "pglite", dataDir: undefined });
    expect(config.faultsEnabled).toBe(false);
    expect(config.log.format).toBe("pretty");
    // The application's settings (./feature.ts) come parsed, with their own defaults.
    expect(config.feature).toEqual(featureSettings.parse({}));
    expect(config.ui.message).toBeUndefined();
  });

  it("uses PostgreSQL when DATABASE_URL is set, and treats empty variables as unset", () => {
    const config = loadConfig({
      ...valid,
      DATABASE_URL: "postgres://u:p@db:5432/app",
      DATA_DIR: "",
      NODE_ENV: "production",
    });
    expect(config.database).toMatchObject({
      kind: "postgres",
      url: "postgres://u:p@db:5432/app",
      poolMax: 10,
    });
    expect(config.log.format).toBe("json");
  });

  it("names every bad or missing variable in one error", () => {
    try {
      loadConfig({
        PORT: "70000",
        DATABASE_URL: "mysql://x",
        FAULTS_ENABLED: "maybe",
        UI_COLOR: "red;}",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ["API_TOKEN", "PORT", "DATABASE_URL", "FAULTS_ENABLED", "UI_COLOR"])
        expect(message).toContain(name);
    }
  });

  it("takes an owner role for migrations only beside an application role", () => {
    const config = loadConfig({
      ...valid,
      DATABASE_URL: "postgres://app@db/app",
      DATABASE_MIGRATION_URL: "postgres://owner@db/app",
    });
    expect(config.database).toMatchObject({
      migrationUrl: "postgres://owner@db/app",
      allowSuperuser: false,
    });
    expect(() =>
      loadConfig({ ...valid, DATABASE_MIGRATION_URL: "postgres://owner@db/app" }),
    ).toThrow(/DATABASE_MIGRATION_URL: needs DATABASE_URL/);
  });

  it("refuses a short token and pretty logs in production", () => {
    expect(() => loadConfig({ API_TOKEN: "short" })).toThrow(/API_TOKEN: must be at least 16/);
    expect(() => loadConfig({ ...valid, NODE_ENV: "production", LOG_FORMAT: "pretty" })).toThrow(
      /LOG_FORMAT/,
    );
  });
});
