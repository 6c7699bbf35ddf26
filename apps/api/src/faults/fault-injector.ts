import type { RequestHandler } from "express";
import { AppError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

export interface FaultSpec {
  /** Share of matching requests answered 500, from 0 to 1. */
  errorRate: number;
  /** Added to every matching request. */
  latencyMs: number;
  /** Up to this much more, uniformly random, on top of latencyMs. */
  latencyJitterMs: number;
  /** Route templates (as in metrics, e.g. "/:slug"); empty means every faultable route. */
  routes: string[];
  durationSeconds: number;
}

interface ActiveFault extends Omit<FaultSpec, "durationSeconds"> {
  expiresAt: Date;
}

export interface FaultState {
  fault: ActiveFault | null;
  readinessFailure: { expiresAt: Date } | null;
  databaseOutage: { expiresAt: Date } | null;
}

export interface FaultInjectorOptions {
  logger: Logger;
  metrics: Pick<Metrics, "faultActive">;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Demo faults: errors, latency and a failing readiness probe, each reverting by itself.
 * Applied per route by `middleware`; probes and /metrics never carry it.
 */
export class FaultInjector {
  private fault: ActiveFault | null = null;
  private readinessFailure: { expiresAt: Date } | null = null;
  private databaseOutage: { expiresAt: Date } | null = null;
  private faultTimer: NodeJS.Timeout | undefined;
  private readinessTimer: NodeJS.Timeout | undefined;
  private databaseTimer: NodeJS.Timeout | undefined;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: FaultInjectorOptions) {
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  state(): FaultState {
    return {
      fault: this.fault,
      readinessFailure: this.readinessFailure,
      databaseOutage: this.databaseOutage,
    };
  }

  inject(spec: FaultSpec): FaultState {
    clearTimeout(this.faultTimer);
    const { durationSeconds, ...rest } = spec;
    this.fault = { ...rest, expiresAt: new Date(Date.now() + durationSeconds * 1000) };
    this.faultTimer = setTimeout(() => {
      this.clearFault("expired");
    }, durationSeconds * 1000);
    this.faultTimer.unref();
    this.publish();
    this.options.logger.warn({ fault: this.fault }, "fault injected");
    return this.state();
  }

  failReadiness(durationSeconds: number): FaultState {
    clearTimeout(this.readinessTimer);
    this.readinessFailure = { expiresAt: new Date(Date.now() + durationSeconds * 1000) };
    this.readinessTimer = setTimeout(() => {
      this.restoreReadiness("expired");
    }, durationSeconds * 1000);
    this.readinessTimer.unref();
    this.publish();
    this.options.logger.warn(
      { readinessFailure: this.readinessFailure },
      "readiness failure injected",
    );
    return this.state();
  }

  /** Every query fails as if the database were unreachable: readiness and the API answer 503. */
  cutDatabase(durationSeconds: number): FaultState {
    clearTimeout(this.databaseTimer);
    this.databaseOutage = { expiresAt: new Date(Date.now() + durationSeconds * 1000) };
    this.databaseTimer = setTimeout(() => {
      this.restoreDatabase("expired");
    }, durationSeconds * 1000);
    this.databaseTimer.unref();
    this.publish();
    this.options.logger.warn({ databaseOutage: this.databaseOutage }, "database outage injected");
    return this.state();
  }

  restoreDatabase(reason: string): void {
    clearTimeout(this.databaseTimer);
    if (this.databaseOutage) this.options.logger.info({ reason }, "database outage cleared");
    this.databaseOutage = null;
    this.publish();
  }

  isDatabaseCut(): boolean {
    return this.databaseOutage !== null;
  }

  clearFault(reason: string): void {
    clearTimeout(this.faultTimer);
    if (this.fault) this.options.logger.info({ reason }, "fault cleared");
    this.fault = null;
    this.publish();
  }

  restoreReadiness(reason: string): void {
    clearTimeout(this.readinessTimer);
    if (this.readinessFailure) this.options.logger.info({ reason }, "readiness failure cleared");
    this.readinessFailure = null;
    this.publish();
  }

  clearAll(reason: string): FaultState {
    this.clearFault(reason);
    this.restoreReadiness(reason);
    this.restoreDatabase(reason);
    return this.state();
  }

  isReadinessFailing(): boolean {
    return this.readinessFailure !== null;
  }

  /** Route-level middleware: it runs after routing, so it knows the route template. */
  readonly middleware: RequestHandler = (req, _res, next) => {
    const fault = this.fault;
    const routePath = (req.route as { path?: unknown } | undefined)?.path;
    const route = typeof routePath === "string" ? req.baseUrl + routePath : "";
    if (!fault || (fault.routes.length > 0 && !fault.routes.includes(route))) {
      next();
      return;
    }
    const delay = fault.latencyMs + Math.round(this.random() * fault.latencyJitterMs);
    const fail = this.random() < fault.errorRate;
    const proceed = () => {
      next(
        fail
          ? new AppError(500, "fault_injected", "Injected fault (demo fault injection).")
          : undefined,
      );
    };
    if (delay > 0) void this.sleep(delay).then(proceed);
    else proceed();
  };

  private publish(): void {
    const gauge = this.options.metrics.faultActive;
    gauge.set({ type: "errors" }, this.fault && this.fault.errorRate > 0 ? 1 : 0);
    gauge.set(
      { type: "latency" },
      this.fault && this.fault.latencyMs + this.fault.latencyJitterMs > 0 ? 1 : 0,
    );
    gauge.set({ type: "readiness" }, this.readinessFailure ? 1 : 0);
    gauge.set({ type: "database" }, this.databaseOutage ? 1 : 0);
  }

  /** Stops the revert timers (shutdown). */
  dispose(): void {
    clearTimeout(this.faultTimer);
    clearTimeout(this.readinessTimer);
    clearTimeout(this.databaseTimer);
  }
}
