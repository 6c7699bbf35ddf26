// One way to run a CLI for the evidence: its stdout is the evidence, its failure the reason.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** Runs a CLI; its stdout is the evidence, a failure becomes the reason it was not collected. */
export function cli(
  root: string,
  command: string,
  args: string[],
  cwd = ".",
): (env: NodeJS.ProcessEnv) => Promise<string> {
  return async (env) => {
    try {
      const { stdout } = await exec(command, args, {
        cwd: join(root, cwd),
        env,
        timeout: 120_000,
        maxBuffer: 20_000_000,
      });
      return stdout;
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      // The last line of stderr says why (kubectl logs retries first, then the cause).
      const last = (stderr ?? "").trim().split("\n").at(-1) ?? "";
      const why = last === "" ? (message.split("\n")[0] ?? "") : last;
      throw new Error(`${[command, ...args].join(" ")} a échoué : ${why}`, { cause: error });
    }
  };
}
