import { startService, type RunningService } from "../../src/server.js";
import { PROBE_APPLICATION } from "./probe-feature.js";
import { TcpProxy } from "./tcp-proxy.js";
import { testConfig } from "./test-config.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "./test-database.js";

export interface ProxiedService {
  /** Both undefined when no PostgreSQL server is available (PGlite cannot be cut away). */
  service: RunningService | undefined;
  proxy: TcpProxy | undefined;
  dispose(): Promise<void>;
}

/**
 * The API on a fresh PostgreSQL database reached through a TCP proxy the test controls, around
 * the harness's own application, or `{}` for the one of src/feature.ts.
 */
export async function startProxiedService(
  env: Record<string, string>,
  application: NonNullable<Parameters<typeof startService>[2]>["application"] = PROBE_APPLICATION,
): Promise<ProxiedService> {
  const target: TestDatabase = await createTestDatabase();
  if (target.engine !== "postgres" || !target.url) {
    return { service: undefined, proxy: undefined, dispose: () => target.dispose() };
  }
  const url = new URL(target.url);
  const proxy = await new TcpProxy(url.hostname, Number(url.port || 5432)).start();
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  const service = await startService(
    testConfig({ DATABASE_URL: url.toString(), ...env }),
    silentLogger,
    { application },
  );
  return {
    service,
    proxy,
    async dispose() {
      await service.shutdown("test");
      await proxy.stop();
      await target.dispose();
    },
  };
}
