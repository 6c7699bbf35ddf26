// `npm run demo:stack` (up) and `npm run demo:down`: the compose stack of compose.yaml.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { prepareStackEnvironment, readEnvValue } from "./stack-env.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const action = process.argv[2];

// Compose v2 is a docker plugin; older machines have the docker-compose v1 binary.
function compose(args: string[]): number {
  const v2 = spawnSync("docker", ["compose", "version"], { stdio: "ignore" }).status === 0;
  const [command, prefix] = v2 ? ["docker", ["compose"]] : ["docker-compose", []];
  const result = spawnSync(command, [...prefix, "--project-name", "shortlinks", ...args], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.error) {
    process.stderr.write(
      `demo:stack needs Docker Compose (docker compose or docker-compose): ${result.error.message}\n`,
    );
    return 1;
  }
  return result.status ?? 1;
}

if (action === "up") {
  for (const file of prepareStackEnvironment(root)) process.stdout.write(`created ${file}\n`);
  const code = compose(["up", "--detach", "--build", "--wait"]);
  if (code === 0) {
    process.stdout.write(`
  Shortlinks stack is up
  Home page      http://127.0.0.1:3000/
  Grafana        http://127.0.0.1:3001/ (anonymous viewer; admin password in .env)
  Prometheus     http://127.0.0.1:9090/alerts
  Alertmanager   http://127.0.0.1:9093/
  Notifications  http://127.0.0.1:${readEnvValue(root, "MAILPIT_PORT") ?? "8025"}/ (Mailpit: every e-mail Alertmanager sends)
  Logs           http://127.0.0.1:3001/explore (datasource Loki: {app="shortlinks-api"}, docs/runbooks/README.md#logs)
  API token      ${readEnvValue(root, "API_TOKEN") ?? "(see .env)"}
  Traffic:       docker compose --project-name shortlinks --profile load up -d loadgen
  Scenarios:     API_TOKEN=... npm run scenario -- errors   (docs/demo/)
  Remove:        npm run demo:down
`);
  }
  process.exit(code);
} else if (action === "down") {
  process.exit(compose(["--profile", "load", "down", "--volumes", "--remove-orphans"]));
} else {
  process.stderr.write("usage: tsx src/stack.ts up|down\n");
  process.exit(2);
}
