#!/usr/bin/env bash
# Logical backup of the shortlinks database: pg_dump in custom format, timestamped, with a
# SHA-256 checksum file beside it; uploaded to S3 when BACKUP_BUCKET is set.
#
# Usage: DATABASE_URL=postgres://... backup.sh [OUTPUT_DIR]
#   OUTPUT_DIR     where the dump goes (default: ./backups)
#   BACKUP_BUCKET  optional: s3 bucket to copy the dump and checksum to (aws CLI, IRSA or profile)
# Prints the dump's path on stdout; everything else on stderr.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
out_dir=${1:-./backups}
mkdir -p "$out_dir"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
dump="$out_dir/shortlinks-$stamp.dump"

echo "backup: dumping to $dump" >&2
pg_dump --format=custom --no-owner --no-privileges --file="$dump" "$DATABASE_URL"
(cd "$out_dir" && sha256sum "$(basename "$dump")" > "$(basename "$dump").sha256")
echo "backup: checksum $(cut -d' ' -f1 "$dump.sha256")" >&2

if [ -n "${BACKUP_BUCKET:-}" ]; then
  echo "backup: uploading to s3://$BACKUP_BUCKET/postgres/" >&2
  # No --sse: the bucket's default encryption (the stack's KMS key) applies, and its policy
  # refuses any other. `--sse aws:kms` without a key id would pick the AWS managed key instead.
  aws s3 cp "$dump" "s3://$BACKUP_BUCKET/postgres/"
  aws s3 cp "$dump.sha256" "s3://$BACKUP_BUCKET/postgres/"
fi
echo "$dump"
