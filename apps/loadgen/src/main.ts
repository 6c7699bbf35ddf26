// `npm start -w @fil-rouge/loadgen -- --rps 20 --url http://127.0.0.1:3000` (token from API_TOKEN).
// Runs until stopped (Ctrl-C, SIGTERM) or until --requests are sent.
import { OptionsError, parseOptions } from "./options.js";
import { startLoad } from "./load-generator.js";

try {
  const options = parseOptions(process.argv.slice(2), process.env);
  const load = await startLoad(options, (line) => {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void load.stop());
  }
  await load.finished;
} catch (error) {
  process.stderr.write(
    `loadgen: ${error instanceof OptionsError ? error.message : String(error)}\n`,
  );
  process.exit(2);
}
