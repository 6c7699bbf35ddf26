#!/usr/bin/env bash
# Restores a dump made by backup.sh into an EMPTY database, after checking its checksum.
#
# Usage: DATABASE_URL=postgres://.../empty_db restore.sh DUMP_FILE
# Refuses to run when the checksum does not match or when the target already has tables, so a
# restore never mixes with live data.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the empty database to restore into}"
dump=${1:?usage: restore.sh DUMP_FILE}
[ -f "$dump" ] || { echo "restore: no such file: $dump" >&2; exit 2; }
[ -f "$dump.sha256" ] || { echo "restore: no checksum file $dump.sha256" >&2; exit 2; }

(cd "$(dirname "$dump")" && sha256sum --check --status "$(basename "$dump").sha256") \
  || { echo "restore: checksum mismatch for $dump: refusing to restore" >&2; exit 3; }

tables=$(psql "$DATABASE_URL" --tuples-only --no-align \
  --command "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore: the target database already has $tables table(s): restore only into an empty database" >&2
  exit 4
fi

echo "restore: restoring $dump" >&2
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$dump"
echo "restore: done" >&2
