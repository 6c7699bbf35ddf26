#!/usr/bin/env bash
# Creates, once, the two roles of apps/api/scripts/db/create-roles.sql on the environment's
# database, then sets their passwords from the values infra/aws stored in Secrets Manager. Run by
# the db-roles Job of infra/cluster (src/database-roles.ts) as the RDS master user. Safe to rerun:
# existing roles are kept and their passwords set again (rotate a password: change the secret,
# run `pulumi up`).
set -euo pipefail

fail() { echo "create-db-roles: $*" >&2; exit 64; }
: "${ADMIN_URL:?ADMIN_URL is required: postgres://<master user>:<password>@<host>:5432/<database>}"
: "${OWNER_PASSWORD:?OWNER_PASSWORD is required}"
: "${APP_PASSWORD:?APP_PASSWORD is required}"
OWNER_ROLE=${OWNER_ROLE:-shortlinks_owner}
APP_ROLE=${APP_ROLE:-shortlinks_app}
DATABASE_NAME=${DATABASE_NAME:-shortlinks_db}
CREATE_ROLES_SQL=${CREATE_ROLES_SQL:-/scripts/create-roles.sql}
for name in "$OWNER_ROLE" "$APP_ROLE" "$DATABASE_NAME"; do
  [[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "'$name' is not a plain lower-case SQL name"
done
[ "$OWNER_ROLE" != "$APP_ROLE" ] || fail "OWNER_ROLE and APP_ROLE must differ"
[ -r "$CREATE_ROLES_SQL" ] || fail "cannot read $CREATE_ROLES_SQL"

psql_admin() { psql "$ADMIN_URL" -X -v ON_ERROR_STOP=1 -q "$@"; }

existing=$(psql_admin -tA -c \
  "SELECT count(*) FROM pg_roles WHERE rolname IN ('$OWNER_ROLE', '$APP_ROLE')")
case "$existing" in
  0)
    echo "create-db-roles: creating $OWNER_ROLE and $APP_ROLE"
    version=$(psql_admin -tA -c "SHOW server_version_num")
    # PostgreSQL 16+: a CREATEROLE user (RDS's master is not a superuser) is not a member of the
    # roles it creates unless asked; create-roles.sql's ALTER DEFAULT PRIVILEGES needs that.
    if [ "$version" -ge 160000 ]; then export PGOPTIONS="-c createrole_self_grant=set,inherit"; fi
    psql_admin -v owner="$OWNER_ROLE" -v app="$APP_ROLE" -v db="$DATABASE_NAME" -f "$CREATE_ROLES_SQL"
    unset PGOPTIONS
    ;;
  2) echo "create-db-roles: $OWNER_ROLE and $APP_ROLE exist; passwords only" ;;
  *) fail "only one of $OWNER_ROLE and $APP_ROLE exists: fix by hand before rerunning" ;;
esac

# Passwords travel as psql variables on stdin, never on a command line.
psql_admin -v owner="$OWNER_ROLE" -v app="$APP_ROLE" \
  -v owner_password="$OWNER_PASSWORD" -v app_password="$APP_PASSWORD" <<'SQL'
ALTER ROLE :"owner" PASSWORD :'owner_password';
ALTER ROLE :"app" PASSWORD :'app_password';
SQL
echo "create-db-roles: done"
