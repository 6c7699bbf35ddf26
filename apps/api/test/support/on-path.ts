import { spawnSync } from "node:child_process";

/** Whether a command is installed; tests that need it skip with one line when it is not. */
export const onPath = (command: string): boolean =>
  spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
