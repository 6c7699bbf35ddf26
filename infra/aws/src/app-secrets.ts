import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { StackContext } from "./context.js";
import { DATABASE_PORT } from "./database.js";

/** The two database roles of apps/api/scripts/db/create-roles.sql. */
export const DATABASE_ROLES = { app: "shortlinks_app", owner: "shortlinks_owner" } as const;

/**
 * How long a deleted secret can be restored. Secrets Manager keeps a deleted secret's name for the
 * whole window, so a stack destroyed and re-created within it fails on "already scheduled for
 * deletion". dev is destroyed and re-created at will: 0 deletes at once. staging and prod keep a
 * window, because a secret deleted by mistake (a wrong `pulumi destroy`, a renamed resource) is
 * then restorable; re-creating them within it is the runbook's case (infra/aws/README.md).
 */
export const SECRET_RECOVERY_WINDOW_DAYS = { dev: 0, staging: 7, prod: 30 } as const;

export interface AppSecrets {
  /** Every secret the cluster may read: `shortlinks/<environment>/*`. */
  arnPattern: pulumi.Output<string>;
  names: { database: string; databaseOwner: string; apiToken: string };
}

/**
 * The secrets k8s/components/aws reads through External Secrets: the API's database role, the
 * migration (owner) role, and the API token. Passwords are generated here, stored encrypted in
 * Pulumi's state, and set on the roles by infra/aws/scripts/create-db-roles.sh.
 */
export function createAppSecrets(
  ctx: StackContext,
  key: aws.kms.Key,
  database: aws.rds.Instance,
): AppSecrets {
  const prefix = `shortlinks/${ctx.config.environment}`;
  const names = {
    database: `${prefix}/database`,
    databaseOwner: `${prefix}/database-owner`,
    apiToken: `${prefix}/api-token`,
  };
  const recoveryWindowInDays = SECRET_RECOVERY_WINDOW_DAYS[ctx.config.environment];
  const secret = (suffix: string, secretName: string, value: pulumi.Input<string>) => {
    const created = new aws.secretsmanager.Secret(
      ctx.name(suffix),
      {
        name: secretName,
        kmsKeyId: key.arn,
        recoveryWindowInDays,
        tags: ctx.tags,
      },
      { provider: ctx.provider },
    );
    new aws.secretsmanager.SecretVersion(
      ctx.name(suffix),
      {
        secretId: created.id,
        secretString: value,
      },
      { provider: ctx.provider },
    );
    return created;
  };
  // No special characters: the passwords go into URLs and psql variables unescaped.
  const password = (suffix: string) =>
    new random.RandomPassword(ctx.name(suffix), { length: 40, special: false }).result;

  const connection = (username: string, suffix: string) =>
    pulumi.jsonStringify({
      username,
      password: password(suffix),
      host: database.address,
      port: String(DATABASE_PORT),
    });

  secret("db-app-secret", names.database, connection(DATABASE_ROLES.app, "db-app-password"));
  secret(
    "db-owner-secret",
    names.databaseOwner,
    connection(DATABASE_ROLES.owner, "db-owner-password"),
  );
  secret("api-token-secret", names.apiToken, password("api-token"));

  return {
    names,
    arnPattern: pulumi.interpolate`arn:aws:secretsmanager:${ctx.region}:${ctx.account}:secret:${prefix}/*`,
  };
}
