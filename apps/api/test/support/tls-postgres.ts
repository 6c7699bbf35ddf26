// A throw-away PostgreSQL with TLS on and a certificate from a CA made here with openssl: what RDS
// looks like to a client (a server certificate from a CA that is in no default store). initdb
// refuses to run as root, so the cluster belongs to the postgres user (runuser).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@fil-rouge/toolchain/free-port";
import { needs } from "@fil-rouge/toolchain/skips";
import { onPath } from "./on-path.js";

// Debian's server binaries together (initdb, pg_ctl, createdb): a lone initdb on PATH may be a
// wrapper without its siblings.
const PG_BIN = ["/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"].find(
  (dir) => spawnSync(join(dir, "initdb"), ["--version"]).status === 0,
);
const WHAT = "database TLS against a throwaway PostgreSQL server";

/** Why a TLS PostgreSQL cannot be started here, or undefined when it can. */
export function tlsPostgresUnavailable(): string | undefined {
  if (!needs("openssl", WHAT)) return "openssl is not installed";
  if (!needs("initdb", WHAT) || !PG_BIN)
    return "PostgreSQL's initdb and pg_ctl are not installed (/usr/lib/postgresql/<v>/bin)";
  if (process.getuid?.() !== 0 || !onPath("runuser"))
    return "needs root and runuser (initdb runs as postgres)";
  if (spawnSync("id", ["-u", "postgres"]).status !== 0) return "no postgres user";
  return undefined;
}

export interface TlsPostgres {
  port: number;
  /** The CA that signed the server's certificate (PEM file). */
  caFile: string;
  /** Another CA, which signed nothing the server presents (PEM file). */
  otherCaFile: string;
  dir: string;
  stop(): void;
}

const openssl = (dir: string, ...args: string[]) =>
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });

/** Starts the server on a free port of 127.0.0.1; its certificate names IP:127.0.0.1 only. */
export async function startTlsPostgres(): Promise<TlsPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "tls-postgres-"));
  chmodSync(dir, 0o755);
  const ca = (name: string, cn: string) =>
    openssl(
      dir,
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      `/CN=${cn}`,
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.pem`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    );
  ca("ca", "Test RDS-like Root CA");
  ca("other-ca", "Another Root CA");
  writeFileSync(
    join(dir, "server.ext"),
    "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
  );
  openssl(
    dir,
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
  );
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    "server.ext",
    "-out",
    "server.crt",
  );
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  for (const file of ["server.key", "server.crt"]) chownSync(join(dir, file), uid, gid);
  chmodSync(join(dir, "server.key"), 0o600);
  const data = join(dir, "data");
  mkdirSync(data, { mode: 0o700 });
  chownSync(data, uid, gid);
  const asPostgres = (command: string, ...args: string[]) =>
    execFileSync("runuser", ["-u", "postgres", "--", join(PG_BIN ?? "", command), ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  asPostgres("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync");
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${data}`,
    "-c listen_addresses=127.0.0.1",
    "-c ssl=on",
    `-c ssl_cert_file=${join(dir, "server.crt")}`,
    `-c ssl_key_file=${join(dir, "server.key")}`,
    "-c fsync=off",
  ].join(" ");
  asPostgres("pg_ctl", "-D", data, "-o", options, "-l", join(data, "server.log"), "-w", "start");
  asPostgres("createdb", "-h", data, "-p", String(port), "shortlinks_db");
  return {
    port,
    caFile: join(dir, "ca.pem"),
    otherCaFile: join(dir, "other-ca.pem"),
    dir,
    stop() {
      spawnSync("runuser", [
        "-u",
        "postgres",
        "--",
        join(PG_BIN ?? "", "pg_ctl"),
        "-D",
        data,
        "-m",
        "immediate",
        "stop",
      ]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
