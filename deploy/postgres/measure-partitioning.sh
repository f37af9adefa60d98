#!/usr/bin/env bash
# Runs partitioning.sql on a throwaway PostgreSQL 15 (its own data folder and free port, removed afterwards) and prints
# the plans and timings that docs/scaling.md quotes. Needs a built concord (dotnet build -c Release) for the schema.
# Takes about a quarter of an hour on two cores and 8 GB of disk.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=/usr/lib/postgresql/15/bin
data=$(mktemp -d /tmp/concord-scale.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$data"; runuser -u postgres -- "$@"; else "$@"; fi; }
trap 'as_pg "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$data"' EXIT
as_pg "$bin/initdb" -D "$data" -U concord --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# The load is thrown away afterwards: no fsync. The queries run with the buffers a small server has.
as_pg "$bin/pg_ctl" -D "$data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=1GB -c max_wal_size=8GB -c work_mem=64MB" -l "$data/log" -w start >/dev/null
"$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U concord -d postgres -c "CREATE DATABASE concord_scale"
dotnet src/Concord.Cli/bin/Release/net10.0/concord.dll init --db "Host=127.0.0.1;Port=$port;Username=concord;Database=concord_scale"
"$bin/psql" -X -h 127.0.0.1 -p "$port" -U concord -d concord_scale -f deploy/postgres/partitioning.sql
