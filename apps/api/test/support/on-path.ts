import { findCommand } from "@fil-rouge/toolchain/machine-tools";

/**
 * Whether a command is on PATH (infra/toolchain's detection). For a tool of the shared list, tests
 * call needs() instead, which also records the skip for the summary at the end of npm test.
 */
export const onPath = (command: string): boolean => findCommand(command) !== undefined;
