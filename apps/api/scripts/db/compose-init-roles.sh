#!/usr/bin/env bash
# Run once by the postgres image on its first start (compose.yaml mounts it in
# /docker-entrypoint-initdb.d): creates the owner and application roles of create-roles.sql and
# sets their passwords from the environment (.env), so the API never runs as the superuser.
set -euo pipefail
: "${SHORTLINKS_OWNER_PASSWORD:?}" "${SHORTLINKS_APP_PASSWORD:?}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner=shortlinks_owner -v app=shortlinks_app -v db="$POSTGRES_DB" \
  -f /opt/shortlinks/create-roles.sql

# Through stdin, so that psql interpolates the variables and the passwords stay out of `ps`.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$SHORTLINKS_OWNER_PASSWORD" -v app_password="$SHORTLINKS_APP_PASSWORD" <<'SQL'
ALTER ROLE shortlinks_owner PASSWORD :'owner_password';
ALTER ROLE shortlinks_app PASSWORD :'app_password';
SQL
