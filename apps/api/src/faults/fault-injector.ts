import type { RequestHandler } from "express";
import { AppError } from "../errors.js";
import { routeTemplate } from "../http/route-template.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { ExpiringState } from "./expiring-state.js";

export interface FaultSpec {
  /** Share of matching requests answered 500, from 0 to 1. */
  errorRate: number;
  /** Added to every matching request. */
  latencyMs: number;
  /** Up to this much more, uniformly random, on top of latencyMs. */
  latencyJitterMs: number;
  /** Route templates (as in metrics, e.g. "/api/items/:id"); empty means every faultable route. */
  routes: string[];
  durationSeconds: number;
}

export interface FaultState {
  fault: (Omit<FaultSpec, "durationSeconds"> & { expiresAt: Date }) | null;
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
  private readonly fault: ExpiringState<Omit<FaultSpec, "durationSeconds">>;
  private readonly readinessFailure: ExpiringState<object>;
  private readonly databaseOutage: ExpiringState<object>;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: FaultInjectorOptions) {
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const publish = () => {
      this.publish();
    };
    this.fault = new ExpiringState("fault", options.logger, publish);
    this.readinessFailure = new ExpiringState("readiness failure", options.logger, publish);
    this.databaseOutage = new ExpiringState("database outage", options.logger, publish);
  }

  state(): FaultState {
    return {
      fault: this.fault.current,
      readinessFailure: this.readinessFailure.current,
      databaseOutage: this.databaseOutage.current,
    };
  }

  inject(spec: FaultSpec): FaultState {
    const { durationSeconds, ...fault } = spec;
    this.fault.set(fault, durationSeconds);
    return this.state();
  }

  failReadiness(durationSeconds: number): FaultState {
    this.readinessFailure.set({}, durationSeconds);
    return this.state();
  }

  /** Every query fails as if the database were unreachable: readiness and the API answer 503. */
  cutDatabase(durationSeconds: number): FaultState {
    this.databaseOutage.set({}, durationSeconds);
    return this.state();
  }

  restoreDatabase(reason: string): void {
    this.databaseOutage.clear(reason);
  }

  isDatabaseCut(): boolean {
    return this.databaseOutage.current !== null;
  }

  clearFault(reason: string): void {
    this.fault.clear(reason);
  }

  restoreReadiness(reason: string): void {
    this.readinessFailure.clear(reason);
  }

  clearAll(reason: string): FaultState {
    this.clearFault(reason);
    this.restoreReadiness(reason);
    this.restoreDatabase(reason);
    return this.state();
  }

  isReadinessFailing(): boolean {
    return this.readinessFailure.current !== null;
  }

  /** The route templates this middleware has guarded: the traffic a fault can touch. */
  readonly faultableRoutes = new Set<string>();

  /** Route-level middleware: it runs after routing, so it knows the route template. */
  readonly middleware: RequestHandler = (req, _res, next) => {
    const fault = this.fault.current;
    const route = routeTemplate(req) ?? "";
    this.faultableRoutes.add(route);
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
    const fault = this.fault.current;
    gauge.set({ type: "errors" }, fault && fault.errorRate > 0 ? 1 : 0);
    gauge.set({ type: "latency" }, fault && fault.latencyMs + fault.latencyJitterMs > 0 ? 1 : 0);
    gauge.set({ type: "readiness" }, this.readinessFailure.current ? 1 : 0);
    gauge.set({ type: "database" }, this.databaseOutage.current ? 1 : 0);
  }

  /** Stops the revert timers (shutdown). */
  dispose(): void {
    this.fault.dispose();
    this.readinessFailure.dispose();
    this.databaseOutage.dispose();
  }
}
