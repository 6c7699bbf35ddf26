import type { K8sObject } from "./manifests.js";

// The parts of pod specs the policies read.
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type?: string };
}
interface Probe {
  httpGet?: unknown;
  exec?: unknown;
  tcpSocket?: unknown;
}
interface Container {
  name: string;
  image?: string;
  securityContext?: SecurityContext;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string } }[];
}
interface PodSpec {
  securityContext?: SecurityContext;
  containers: Container[];
  initContainers?: Container[];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  volumes?: { hostPath?: unknown }[];
  terminationGracePeriodSeconds?: number;
}
interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}

export interface Workload {
  object: K8sObject;
  /** Long-running workloads need probes; Jobs do not. */
  longRunning: boolean;
  template: PodTemplate;
  replicas: number | undefined;
}

export function workloads(objects: K8sObject[]): Workload[] {
  return objects.flatMap((object): Workload[] => {
    const spec = object.spec as
      | {
          template?: PodTemplate;
          replicas?: number;
          jobTemplate?: { spec: { template: PodTemplate } };
        }
      | undefined;
    if ((object.kind === "Deployment" || object.kind === "StatefulSet") && spec?.template) {
      return [{ object, longRunning: true, template: spec.template, replicas: spec.replicas }];
    }
    if (object.kind === "CronJob" && spec?.jobTemplate)
      return [
        {
          object,
          longRunning: false,
          template: spec.jobTemplate.spec.template,
          replicas: undefined,
        },
      ];
    return [];
  });
}

const id = (object: K8sObject) => `${object.kind}/${object.metadata.name}`;
const matches = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) => selector !== undefined && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
/**
 * Pods that controllers start in the application's namespace at run time, so no manifest holds
 * them: cert-manager's HTTP-01 solver (label from cert-manager's pkg/apis/acme/v1/types.go).
 */
const RUNTIME_PODS: Record<string, string>[] = [{ "acme.cert-manager.io/http01-solver": "true" }];

const allContainers = (spec: PodSpec) => [...(spec.initContainers ?? []), ...spec.containers];

export interface Policy {
  name: string;
  description: string;
  check(objects: K8sObject[]): string[];
}

export const POLICIES: Policy[] = [
  {
    name: "pod-security-restricted",
    description:
      "Every pod meets the Pod Security 'restricted' profile, and has a read-only root filesystem.",
    check: (objects) =>
      workloads(objects).flatMap(({ object, template: { spec } }) => {
        const problems: string[] = [];
        if (spec.hostNetwork || spec.hostPID || spec.hostIPC)
          problems.push("uses a host namespace");
        if (spec.volumes?.some((v) => v.hostPath !== undefined)) problems.push("mounts a hostPath");
        for (const c of allContainers(spec)) {
          const sc = c.securityContext ?? {};
          const pod = spec.securityContext ?? {};
          if (!(sc.runAsNonRoot ?? pod.runAsNonRoot))
            problems.push(`${c.name}: runAsNonRoot is not true`);
          if ((sc.runAsUser ?? pod.runAsUser) === 0) problems.push(`${c.name}: runs as UID 0`);
          if (sc.allowPrivilegeEscalation !== false)
            problems.push(`${c.name}: allowPrivilegeEscalation is not false`);
          if (sc.privileged) problems.push(`${c.name}: privileged`);
          if (!sc.capabilities?.drop?.includes("ALL"))
            problems.push(`${c.name}: capabilities do not drop ALL`);
          if ((sc.capabilities?.add ?? []).some((cap) => cap !== "NET_BIND_SERVICE"))
            problems.push(`${c.name}: adds capabilities`);
          const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
          if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost")
            problems.push(`${c.name}: seccompProfile is not RuntimeDefault`);
          if (sc.readOnlyRootFilesystem !== true)
            problems.push(`${c.name}: root filesystem is writable`);
        }
        return problems.map((p) => `${id(object)}: ${p}`);
      }),
  },
  {
    name: "probes-present",
    description: "Every container of a long-running workload has liveness and readiness probes.",
    check: (objects) =>
      workloads(objects)
        .filter((w) => w.longRunning)
        .flatMap(({ object, template }) =>
          template.spec.containers.flatMap((c) => [
            ...(c.livenessProbe ? [] : [`${id(object)}: ${c.name} has no livenessProbe`]),
            ...(c.readinessProbe ? [] : [`${id(object)}: ${c.name} has no readinessProbe`]),
          ]),
        ),
  },
  {
    name: "resources-set",
    description: "Every container requests and limits CPU and memory.",
    check: (objects) =>
      workloads(objects).flatMap(({ object, template }) =>
        allContainers(template.spec).flatMap((c) =>
          (["requests", "limits"] as const).flatMap((kind) =>
            ["cpu", "memory"]
              .filter((r) => !c.resources?.[kind]?.[r])
              .map((r) => `${id(object)}: ${c.name} has no ${kind}.${r}`),
          ),
        ),
      ),
  },
  {
    name: "image-pinned",
    description: "Every image has a tag or a digest, and never the tag 'latest'.",
    check: (objects) =>
      workloads(objects).flatMap(({ object, template }) =>
        allContainers(template.spec).flatMap((c) => {
          const image = c.image ?? "";
          const digest = image.includes("@sha256:");
          const tag = /:([^/:@]+)$/.exec(image.split("@")[0] ?? "")?.[1];
          if (!digest && !tag)
            return [`${id(object)}: ${c.name} image "${image}" has no tag or digest`];
          if (tag === "latest") return [`${id(object)}: ${c.name} image "${image}" uses latest`];
          return [];
        }),
      ),
  },
  {
    name: "service-selects-workload",
    description: "Every Service's selector matches the pod labels of a workload.",
    check: (objects) => {
      const pods = workloads(objects).map((w) => w.template.metadata?.labels);
      return objects
        .filter((o) => o.kind === "Service")
        .filter(
          (o) =>
            !pods.some((labels) =>
              matches((o.spec as { selector?: Record<string, string> }).selector, labels),
            ),
        )
        .map((o) => `${id(o)}: its selector matches no workload's pods`);
    },
  },
  {
    name: "networkpolicy-selects-pods",
    description:
      "Every NetworkPolicy selects at least one workload's pods (an empty selector selects all).",
    check: (objects) => {
      const pods = [...workloads(objects).map((w) => w.template.metadata?.labels), ...RUNTIME_PODS];
      return objects
        .filter((o) => o.kind === "NetworkPolicy")
        .filter((o) => {
          const selector =
            (o.spec as { podSelector?: { matchLabels?: Record<string, string> } }).podSelector
              ?.matchLabels ?? {};
          return pods.length === 0 || !pods.some((labels) => matches(selector, labels));
        })
        .map((o) => `${id(o)}: selects no pod`);
    },
  },
  {
    name: "servicemonitor-port-exists",
    description: "Every ServiceMonitor endpoint names a port of a Service it selects.",
    check: (objects) =>
      objects
        .filter((o) => o.kind === "ServiceMonitor")
        .flatMap((monitor) => {
          const spec = monitor.spec as {
            selector: { matchLabels?: Record<string, string> };
            endpoints: { port?: string }[];
          };
          const services = objects.filter(
            (o) => o.kind === "Service" && matches(spec.selector.matchLabels, o.metadata.labels),
          );
          const ports = services
            .flatMap((s) => (s.spec as { ports?: { name?: string }[] }).ports ?? [])
            .map((p) => p.name);
          if (services.length === 0) return [`${id(monitor)}: selects no Service`];
          return spec.endpoints
            .filter((e) => !ports.includes(e.port))
            .map((e) => `${id(monitor)}: port "${e.port ?? ""}" is not on the Service`);
        }),
  },
  {
    name: "hpa-target-exists",
    description: "Every HorizontalPodAutoscaler scales a workload that exists.",
    check: (objects) =>
      objects
        .filter((o) => o.kind === "HorizontalPodAutoscaler")
        .filter((hpa) => {
          const target = (hpa.spec as { scaleTargetRef: { kind: string; name: string } })
            .scaleTargetRef;
          return !objects.some((o) => o.kind === target.kind && o.metadata.name === target.name);
        })
        .map((hpa) => `${id(hpa)}: its scale target does not exist`),
  },
  {
    name: "hpa-owns-replicas",
    description:
      "A workload an HorizontalPodAutoscaler scales sets no spec.replicas: each apply would reset the count the autoscaler chose.",
    check: (objects) =>
      objects
        .filter((o) => o.kind === "HorizontalPodAutoscaler")
        .flatMap((hpa) => {
          const target = (hpa.spec as { scaleTargetRef: { kind: string; name: string } })
            .scaleTargetRef;
          const workload = objects.find(
            (o) => o.kind === target.kind && o.metadata.name === target.name,
          );
          const replicas = (workload?.spec as { replicas?: number } | undefined)?.replicas;
          return workload && replicas !== undefined
            ? [`${id(workload)}: sets replicas (${replicas}) although ${id(hpa)} scales it`]
            : [];
        }),
  },
  {
    name: "pdb-allows-disruption",
    description:
      "Every PodDisruptionBudget selects a workload and leaves at least one pod disruptable.",
    check: (objects) =>
      objects
        .filter((o) => o.kind === "PodDisruptionBudget")
        .flatMap((pdb) => {
          const spec = pdb.spec as {
            selector: { matchLabels?: Record<string, string> };
            minAvailable?: number | string;
            maxUnavailable?: number | string;
          };
          const workload = workloads(objects).find((w) =>
            matches(spec.selector.matchLabels, w.template.metadata?.labels),
          );
          if (!workload) return [`${id(pdb)}: selects no workload`];
          const hpa = objects.find(
            (o) =>
              o.kind === "HorizontalPodAutoscaler" &&
              (o.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name ===
                workload.object.metadata.name,
          );
          const fewest =
            (hpa?.spec as { minReplicas?: number } | undefined)?.minReplicas ??
            workload.replicas ??
            1;
          if (typeof spec.maxUnavailable === "number")
            return spec.maxUnavailable >= 1 ? [] : [`${id(pdb)}: maxUnavailable is 0`];
          if (typeof spec.minAvailable === "number" && spec.minAvailable >= fewest)
            return [
              `${id(pdb)}: minAvailable ${spec.minAvailable} leaves no pod of ${fewest} disruptable`,
            ];
          if (typeof spec.minAvailable === "string" || typeof spec.maxUnavailable === "string")
            return [`${id(pdb)}: percentages are not checked; use a number`];
          return [];
        }),
  },
  {
    name: "grace-period-covers-drain",
    description:
      "terminationGracePeriodSeconds exceeds SHUTDOWN_DELAY_MS plus SHUTDOWN_DRAIN_TIMEOUT_MS of the app's ConfigMap.",
    check: (objects) =>
      workloads(objects)
        .filter((w) => w.object.kind === "Deployment")
        .flatMap(({ object, template }) => {
          const names = template.spec.containers
            .flatMap((c) => c.envFrom ?? [])
            .map((e) => e.configMapRef?.name);
          const data = objects.find(
            (o) => o.kind === "ConfigMap" && names.includes(o.metadata.name),
          )?.data as Record<string, string> | undefined;
          if (!data?.SHUTDOWN_DELAY_MS || !data.SHUTDOWN_DRAIN_TIMEOUT_MS)
            return [
              `${id(object)}: no ConfigMap sets SHUTDOWN_DELAY_MS and SHUTDOWN_DRAIN_TIMEOUT_MS`,
            ];
          const needed =
            (Number(data.SHUTDOWN_DELAY_MS) + Number(data.SHUTDOWN_DRAIN_TIMEOUT_MS)) / 1000;
          const grace = template.spec.terminationGracePeriodSeconds ?? 30;
          return grace > needed
            ? []
            : [
                `${id(object)}: terminationGracePeriodSeconds ${grace} does not exceed the drain (${needed} s)`,
              ];
        }),
  },
  {
    name: "namespace-restricted",
    description: "The namespace enforces the Pod Security 'restricted' level.",
    check: (objects) =>
      objects
        .filter(
          (o) =>
            o.kind === "Namespace" &&
            o.metadata.labels?.["pod-security.kubernetes.io/enforce"] !== "restricted",
        )
        .map((o) => `${id(o)}: does not enforce restricted`),
  },
];
