// The repository's files: git's index, or without git a walk that honours .gitignore (the one
// implementation, in infra/toolchain, shared with the other workspaces).
export { trackedFiles } from "@fil-rouge/toolchain/tracked-files";
