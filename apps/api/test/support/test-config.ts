import { loadConfig, type Config } from "../../src/config.js";

export const TEST_TOKEN = "test-token-0123456789abcdef";

/** A valid test configuration; `env` overrides use the real variable names, parsed by loadConfig. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    API_TOKEN: TEST_TOKEN,
    LOG_LEVEL: "silent",
    SHUTDOWN_DELAY_MS: "0",
    ...env,
  });
}

export const auth = { Authorization: `Bearer ${TEST_TOKEN}` };
