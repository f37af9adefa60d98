#!/usr/bin/env bash
# What synchronous replication costs a change: pgbench runs a transaction shaped like a Concord change (a record and
# its audit entry, the entry's number read from the end of the chain under the chain's lock) on a primary with its
# standby (cluster.sh), for each synchronous_commit setting, with 1 and 8 clients. Prints latency and changes per second.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=/usr/lib/postgresql/15/bin
dir=$(mktemp -d /tmp/concord-sync.XXXXXX)
rmdir "$dir"
trap '"$here/cluster.sh" down "$dir"' EXIT
eval "$("$here/cluster.sh" up "$dir")"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_p() { as_pg "$bin/psql" -X -q -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d concord "$@"; }
psql_p -c 'CREATE TABLE changes (id uuid PRIMARY KEY, body text); CREATE TABLE audit (seq bigint UNIQUE, id uuid, at timestamptz, details text, hash text);'
script=$(mktemp)
cat >"$script" <<'SQL'
BEGIN;
INSERT INTO changes VALUES (gen_random_uuid(), repeat('x', 200));
SELECT pg_advisory_xact_lock(18999619990700900);
INSERT INTO audit SELECT coalesce(max(seq), 0) + 1, gen_random_uuid(), now(), repeat('d', 120), md5(random()::text) || md5(random()::text) FROM audit;
COMMIT;
SQL
chmod 644 "$script"
for mode in local on remote_apply; do
  psql_p -c "ALTER SYSTEM SET synchronous_commit = '$mode'" -c "SELECT pg_reload_conf()" >/dev/null
  for clients in 1 8; do
    result=$(as_pg "$bin/pgbench" -n -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -c "$clients" -T 10 -f "$script" concord 2>&1)
    printf '%-13s clients %-2s  %s  %s\n' "$mode" "$clients" "$(grep -o 'latency average = .*' <<<"$result")" "$(grep -o 'tps = [0-9.]*' <<<"$result")"
  done
done
rm -f "$script"
