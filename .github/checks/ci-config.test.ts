import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT as AWS_PROJECT, stackConfigSchema } from "@fil-rouge/infra-aws/config";
import {
  alertingSecretsSchema,
  clusterConfigSchema,
  ENVIRONMENTS,
  PROJECT as CLUSTER_PROJECT,
} from "@fil-rouge/infra-cluster/config";
import { describe, expect, it } from "vitest";
import {
  ciConfigProblems,
  configSetCommands,
  readStackDocument,
  requiredKeys,
  type CiProgram,
} from "./ci-config.js";
import { REPO_ROOT } from "./workflows.js";

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

const PROGRAMS: CiProgram[] = [
  { project: AWS_PROJECT, dir: "infra/aws", settings: stackConfigSchema },
  {
    project: CLUSTER_PROJECT,
    dir: "infra/cluster",
    settings: clusterConfigSchema,
    secrets: alertingSecretsSchema,
    escDefinition: read("infra/cluster/esc-environment.yaml"),
  },
];
const [aws, cluster] = PROGRAMS as [CiProgram, CiProgram];
const READMES = ["infra/README.md", "infra/aws/README.md", "infra/cluster/README.md"];
// The scripts the workflows run set some keys themselves on every run (deploy-image.sh: the digest).
const SCRIPTS = PROGRAMS.flatMap((p) =>
  readdirSync(join(REPO_ROOT, p.dir, "scripts"))
    .filter((f) => f.endsWith(".sh"))
    .map((f) => `${p.dir}/scripts/${f}`),
);

describe("configuration a CI run gets", () => {
  it("derives the required keys from the programs' schemas", () => {
    // Guards the derivation itself: optional and defaulted keys are not required.
    expect(requiredKeys(stackConfigSchema)).toContain("githubRepository");
    expect(requiredKeys(stackConfigSchema)).not.toContain("githubOidcProviderArn");
    expect(requiredKeys(clusterConfigSchema)).not.toContain("imageDigest");
    expect(requiredKeys(alertingSecretsSchema).sort()).toEqual(["oncallToken", "smtpPassword"]);
  });

  describe.each(PROGRAMS.map((p) => [p.dir, p] as const))("%s", (_dir, program) => {
    it.each(ENVIRONMENTS)(
      "Pulumi.%s.yaml plus its ESC environment give every required key, no secret in the file",
      (stack) => {
        expect(
          ciConfigProblems(program, stack, readStackDocument(REPO_ROOT, program.dir, stack)),
        ).toEqual([]);
      },
    );
  });

  it("names what is missing: a required key, the ESC import, a secret the environment lacks", () => {
    const file = readStackDocument(REPO_ROOT, cluster.dir, "staging");
    const config = Object.fromEntries(
      Object.entries(file.config ?? {}).filter(([key]) => key !== `${CLUSTER_PROJECT}:hostname`),
    );
    expect(
      ciConfigProblems({ ...cluster, escDefinition: "values:\n  pulumiConfig: {}\n" }, "staging", {
        config,
      }),
    ).toEqual([
      "infra/cluster/Pulumi.staging.yaml: shortlinks-cluster:hostname is required and not committed",
      "infra/cluster/Pulumi.staging.yaml: imports no ESC environment, so CI gets none of its secrets",
      "ESC environment: gives no shortlinks-cluster:smtpPassword",
      "ESC environment: gives no shortlinks-cluster:oncallToken",
    ]);
  });

  it("still refuses a plaintext secret, in the stack file or in the ESC definition", () => {
    const file = readStackDocument(REPO_ROOT, cluster.dir, "prod");
    const withPlaintext = {
      ...file,
      config: { ...file.config, [`${CLUSTER_PROJECT}:smtpPassword`]: "hunter2" },
    };
    expect(ciConfigProblems(cluster, "prod", withPlaintext)).toEqual([
      "infra/cluster/Pulumi.prod.yaml: shortlinks-cluster:smtpPassword is a secret: it comes from the ESC environment, not the file",
    ]);
    const literal = cluster.escDefinition!.replace("${alerting.oncallToken}", "abc123");
    expect(ciConfigProblems({ ...cluster, escDefinition: literal }, "prod", file)).toEqual([
      "ESC environment: shortlinks-cluster:oncallToken must be a reference to a value set with --secret",
    ]);
  });

  it("has the aws program need no secret, so its stack files import no environment", () => {
    expect(aws.secrets).toBeUndefined();
  });
});

describe("pulumi config set in the READMEs", () => {
  const commands = READMES.flatMap((file) => configSetCommands(file, read(file)));
  const setByScripts = new Set(
    SCRIPTS.flatMap((file) => configSetCommands(file, read(file))).map(
      (c) => `${c.project}:${c.key}`,
    ),
  );

  it("finds the commands, with their project and top-level key", () => {
    expect(
      configSetCommands(
        "x",
        `pulumi config set --path 'shortlinks-aws:cluster.publicAccessCidrs[0]' x`,
      ),
    ).toEqual([{ file: "x", line: 1, secret: false, project: "shortlinks-aws", key: "cluster" }]);
    expect(setByScripts).toContain("shortlinks-cluster:imageDigest");
    expect(commands.length).toBeGreaterThan(0);
  });

  it("sets secrets only in the ESC environment (a --secret would write secure: into the file)", () => {
    expect(commands.filter((c) => c.secret).map((c) => `${c.file}:${c.line}`)).toEqual([]);
  });

  it("sets non-secret keys that are committed in every stack file, or that the workflows set each run", () => {
    for (const command of commands.filter(
      (c) => !c.secret && !setByScripts.has(`${c.project}:${c.key}`),
    )) {
      const program = PROGRAMS.find((p) => p.project === command.project);
      expect(program, `${command.file}:${command.line}`).toBeDefined();
      for (const stack of ENVIRONMENTS) {
        const config = readStackDocument(REPO_ROOT, program!.dir, stack).config ?? {};
        expect(Object.keys(config), `${command.file}:${command.line} on ${stack}`).toContain(
          `${command.project}:${command.key}`,
        );
      }
    }
  });

  it("tells to commit the stack file wherever it tells to set a non-secret key", () => {
    for (const file of READMES) {
      const setsSettings = configSetCommands(file, read(file)).some(
        (c) => !c.secret && !setByScripts.has(`${c.project}:${c.key}`),
      );
      if (setsSettings) expect(read(file), file).toMatch(/git commit\b.*Pulumi\.[\w<>]+\.yaml/);
    }
  });
});
