import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "./evaluate-policies.js";

export interface MockRun<T> {
  /** Every resource the program registered, with the inputs it gave (and the mock's outputs). */
  resources: RecordedResource[];
  /** Every provider function the program called. */
  calls: { token: string; inputs: Record<string, unknown> }[];
  /** The program's return value, its outputs resolved. */
  outputs: T;
}

export interface MockOptions {
  project: string;
  stack: string;
  /** Stack settings as `project:key` → value, objects included (Pulumi.<stack>.yaml's `config`). */
  config: Record<string, unknown>;
  /** The outputs a resource type gets beyond its inputs (ids, ARNs, component outputs). */
  outputs: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown>;
  /** Results of provider functions (aws.getCallerIdentity, kustomize rendering...). */
  call: (args: pulumi.runtime.MockCallArgs) => Record<string, unknown>;
}

type Unwrapped<T> =
  T extends Promise<infer P>
    ? Unwrapped<P>
    : T extends pulumi.Output<infer U>
      ? U
      : T extends object
        ? { [K in keyof T]: Unwrapped<T[K]> }
        : T;

/**
 * Runs a Pulumi program in this process with mocked providers (no CLI, no cloud), then returns
 * what it registered. Runs do not overlap: each one resets the SDK's global runtime state.
 */
export async function runUnderMocks<T>(
  options: MockOptions,
  program: () => T,
): Promise<MockRun<Unwrapped<T>>> {
  const resources: RecordedResource[] = [];
  const calls: MockRun<T>["calls"] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state = { ...(args.inputs as Record<string, unknown>), ...options.outputs(args) };
        resources.push({ type: args.type, name: args.name, props: state });
        const id = typeof state.id === "string" ? state.id : `${args.name}-id`;
        return { id, state };
      },
      call(args) {
        calls.push({ token: args.token, inputs: args.inputs as Record<string, unknown> });
        return options.call(args);
      },
    },
    options.project,
    options.stack,
    false,
    // pulumi.getOrganization() (a program's StackReference to itself) needs one.
    "organization",
  );
  const config = Object.fromEntries(
    Object.entries(options.config).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
  pulumi.runtime.setAllConfig(config);

  const result = program();
  const outputs = await new Promise<Unwrapped<T>>((resolve) => {
    (pulumi.output(result as object) as pulumi.Output<unknown>).apply((value) => {
      resolve(value as Unwrapped<T>);
    });
  });
  // Resources that no output depends on still finish registering.
  await pulumi.runtime.disconnect();
  return { resources, calls, outputs };
}

/**
 * What the engine is told about a resource besides its inputs, read from the registration request
 * itself (Pulumi's mocks pass none of it to `newResource`, or only the first): the provider
 * reference of a resource (`urn::id`), for a component the providers its children inherit (by
 * package), the resources it waits for, and whether it is protected.
 */
export interface Registration {
  type: string;
  name: string;
  provider: string;
  providers: Record<string, string>;
  /** URNs of the resources it waits for (`dependsOn` and the inputs it reads). */
  dependencies: string[];
  protect: boolean;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getProvider(): string;
  getProvidersMap(): { toArray(): [string, string][] };
  getDependenciesList(): string[];
  getProtect(): boolean | undefined;
}

/**
 * Starts recording every registration; call it inside the program passed to runUnderMocks (the
 * monitor exists only once the mocks are set). Returns the list it fills.
 */
export function recordRegistrations(): Registration[] {
  const registrations: Registration[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(request: RegisterRequest, callback: unknown): void;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    registrations.push({
      type: request.getType(),
      name: request.getName(),
      provider: request.getProvider(),
      providers: Object.fromEntries(request.getProvidersMap().toArray()),
      dependencies: request.getDependenciesList(),
      protect: request.getProtect() ?? false,
    });
    register(request, callback);
  };
  return registrations;
}
