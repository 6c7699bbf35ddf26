import { execFileSync } from "node:child_process";
import { locate } from "@fil-rouge/toolchain/machine-tools";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

export const K8S_DIR = fileURLToPath(new URL("..", import.meta.url));
export const OVERLAYS = ["dev", "staging", "prod"] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** A rendered object; the fields the policies read are typed where they read them. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** Whether kubectl (or a standalone kustomize) is installed; tests ask needs("kustomize", ...). */
export const kubectlAvailable = () => locate("kustomize") !== undefined;

/**
 * `kubectl kustomize <directory>` (or `kustomize build <directory>`, the same engine without
 * kubectl), parsed: the objects exactly as they would be applied. No kustomize exists on npm.
 */
export function renderKustomization(directory: string): K8sObject[] {
  const tool = locate("kustomize");
  if (tool === undefined)
    throw new Error("rendering a kustomization needs kubectl or kustomize (npm run doctor)");
  const args = tool.endsWith("/kustomize") ? ["build", directory] : ["kustomize", directory];
  const yaml = execFileSync(tool, args, {
    encoding: "utf8",
    maxBuffer: 32 * 1024 * 1024,
  });
  return parseAllDocuments(yaml)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

/** `kubectl kustomize k8s/overlays/<overlay>`, parsed. */
export const renderOverlay = (overlay: Overlay): K8sObject[] =>
  renderKustomization(`${K8S_DIR}/overlays/${overlay}`);
