import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { needs } from "@fil-rouge/toolchain/skips";
import { parse } from "yaml";
// k8s renders the overlays exactly as kubectl applies them (k8s/src/manifests.ts).
import { renderOverlay } from "../../../k8s/src/manifests.js";
import type { Feature } from "../src/feature.js";
import { createProbeApp, type TestApp } from "./support/app-harness.js";
import { PROBE_ROUTES } from "./support/probe-feature.js";

// The client address the API's write rate limiter keys on (Express `req.ip`), through the chain
// the manifests build: client -> NLB (keeps the client's address, externalTrafficPolicy Local)
// -> Traefik -> pod. Both settings come from the files that are deployed: TRUST_PROXY_HOPS from
// the rendered prod overlay, Traefik's forwarded-headers trust from infra/cluster/values/traefik.yaml.
// The controller below does what Traefik v3 does (pkg/middlewares/forwardedheaders/
// forwarded_header.go): from a peer that is not trusted, every X-Forwarded-* header is deleted,
// then the peer's address is appended to X-Forwarded-For. Clients come from 127.0.0.2 and
// 127.0.0.3, the controller from 127.0.0.1, so each hop has its own address.

const repoFile = (path: string) =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const kubectl = needs(
  "kustomize",
  "the client address behind the ingress controller (TRUST_PROXY_HOPS from k8s/overlays/prod)",
);

function deployedTrustProxyHops(): string {
  const config = renderOverlay("prod").find(
    (o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("shortlinks-api-config"),
  );
  const hops = (config?.data as Record<string, string> | undefined)?.TRUST_PROXY_HOPS;
  if (hops === undefined) throw new Error("the prod overlay sets no TRUST_PROXY_HOPS");
  return hops;
}

interface ForwardedHeaders {
  trustedIPs: string[];
  insecure: boolean;
}
function traefikForwardedHeaders(): ForwardedHeaders {
  const values = parse(repoFile("infra/cluster/values/traefik.yaml")) as {
    ports: { websecure: { forwardedHeaders?: Partial<ForwardedHeaders> } };
  };
  const settings = values.ports.websecure.forwardedHeaders ?? {};
  return { trustedIPs: settings.trustedIPs ?? [], insecure: settings.insecure ?? false };
}

/** IPv4 `a.b.c.d` or `a.b.c.d/n`, as Traefik's ip.Checker accepts them. */
function inRange(address: string, range: string): boolean {
  const toInt = (ip: string) => ip.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
  const [base = "", bits = "32"] = range.split("/");
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(address) / size) === Math.floor(toInt(base) / size);
}

const listen = (server: http.Server) =>
  new Promise<number>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve((server.address() as AddressInfo).port);
    });
  });

/** A stand-in of the controller in front of the API, with Traefik's forwarded-headers rule. */
function controller(upstreamPort: number, trust: ForwardedHeaders): http.Server {
  return http.createServer((req, res) => {
    const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    const trusted = trust.insecure || trust.trustedIPs.some((range) => inRange(peer, range));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([name]) => trusted || !/^x[-_](forwarded|real)[-_]/i.test(name),
      ),
    );
    const previous = headers["x-forwarded-for"];
    headers["x-forwarded-for"] = previous ? `${String(previous)}, ${peer}` : peer;
    const upstream = http.request(
      {
        host: "127.0.0.1",
        localAddress: "127.0.0.1",
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
}

/** A write from `client` (a loopback address) with a forged X-Forwarded-For; its status. */
const write = (port: number, client: string, forged: string) =>
  new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        localAddress: client,
        port,
        method: "POST",
        path: PROBE_ROUTES.list,
        headers: { "content-type": "application/json", "x-forwarded-for": forged },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ name: "from a client" }));
  });

describe.skipIf(!kubectl)(
  "the client address behind the ingress controller (kubectl kustomize)",
  () => {
    const limit = 3;
    let app: TestApp<Feature> | undefined;
    const servers: http.Server[] = [];
    afterEach(async () => {
      for (const server of servers.splice(0)) server.close();
      await app?.close();
    });

    async function chain() {
      app = await createProbeApp({
        TRUST_PROXY_HOPS: deployedTrustProxyHops(),
        RATE_LIMIT_WRITES_PER_MINUTE: String(limit),
      });
      const api = http.createServer(app.app);
      servers.push(api);
      const proxy = controller(await listen(api), traefikForwardedHeaders());
      servers.push(proxy);
      return listen(proxy);
    }

    it("keeps one bucket per client whatever X-Forwarded-For the client forges", async () => {
      const port = await chain();
      const statuses = [];
      for (let i = 0; i <= limit; i++)
        statuses.push(await write(port, "127.0.0.2", `203.0.113.${i + 1}`));
      // The writes carry no token: rate limiting runs before authentication, so 401 until the
      // limit, then 429 although each request claimed another address.
      expect(statuses).toEqual([...Array<number>(limit).fill(401), 429]);
    });

    it("keys on the client, not on the controller: another client still has its own bucket", async () => {
      const port = await chain();
      for (let i = 0; i <= limit; i++) await write(port, "127.0.0.2", "203.0.113.7");
      expect(await write(port, "127.0.0.2", "203.0.113.7")).toBe(429);
      expect(await write(port, "127.0.0.3", "203.0.113.7")).toBe(401);
    });
  },
);

if (!kubectl)
  it.skip("client address behind the controller: kubectl (to render k8s/overlays/prod) is not installed", () =>
    undefined);
