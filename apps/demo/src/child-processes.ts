import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

/** The processes the demo started, so one Ctrl-C stops every one of them. */
export class ProcessGroup {
  private readonly children: { name: string; child: ChildProcess }[] = [];

  /** Starts a process; its output lines are prefixed with its name (or dropped when quiet). */
  start(
    name: string,
    command: string,
    args: string[],
    options: SpawnOptions & { quiet?: boolean } = {},
  ): ChildProcess {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      const lines = createInterface({ input: stream });
      if (!options.quiet) lines.on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
    }
    this.children.push({ name, child });
    return child;
  }

  /** SIGTERM to each, in reverse order of start; SIGKILL whatever is still there after 10 s. */
  async stopAll(): Promise<void> {
    for (const { child } of [...this.children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await once(child, "exit");
      clearTimeout(killer);
    }
  }
}
