import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startService } from "./server.js";

// Entry point: configuration, then the service, then signals. Exit codes: 0 clean stop,
// 1 failed start or drain deadline, 2 hard deadline.
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(config);

process.on("unhandledRejection", (reason) => {
  logger.error({ err: reason }, "unhandled promise rejection");
});

try {
  const service = await startService(config, logger);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A terminal's Ctrl-C reaches both a wrapper (npm, the demo script) and this process:
    // the second signal must not cut the drain short.
    if (stopping) {
      logger.warn({ signal }, "already shutting down");
      return;
    }
    stopping = true;
    // The hard deadline: whatever hangs, the process is gone before the platform's SIGKILL.
    const deadlineMs = config.shutdown.delayMs + config.shutdown.drainTimeoutMs + 5000;
    setTimeout(() => {
      logger.fatal({ deadlineMs }, "shutdown hard deadline reached; exiting");
      process.exit(2);
    }, deadlineMs).unref();
    void service.shutdown(signal).then((code) => {
      logger.flush();
      process.exit(code);
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
} catch (error) {
  logger.fatal({ err: error }, "start-up failed");
  logger.flush();
  process.exit(1);
}
