#!/usr/bin/env bash
# Runs every test on SQLite and PostgreSQL. Starts a throwaway PostgreSQL 15 on a free local port unless
# CONCORD_TEST_PG already names a server where the user may create databases.
set -euo pipefail
cd "$(dirname "$0")"

pg_started=""
cleanup() {
  if [[ -n $pg_started ]]; then
    su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/pg_ctl -D '$pg_started' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$pg_started"
  fi
}
trap cleanup EXIT

if [[ -z ${CONCORD_TEST_PG:-} ]]; then
  bin=/usr/lib/postgresql/15/bin
  if [[ ! -x $bin/postgres ]]; then
    echo "PostgreSQL 15 is needed for the storage tests: apt-get install postgresql-15 (or set CONCORD_TEST_PG)" >&2
    exit 1
  fi
  data=$(mktemp -d /tmp/concord-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$data"
    run() { su postgres -s /bin/sh -c "$*"; }
  else
    run() { sh -c "$*"; }
  fi
  run "$bin/initdb -D '$data' -U concord --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  run "$bin/pg_ctl -D '$data' -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -l '$data/log' -w start" >/dev/null
  pg_started=$data
  export CONCORD_TEST_PG="Host=127.0.0.1;Port=$port;Username=concord;Database=postgres"
fi

dotnet tool restore >/dev/null
dotnet build Concord.slnx -c Release
log=$(mktemp)
# A whole run takes about fifteen minutes on two cores. Should one ever hang, the output says where: xunit names a test
# still running after four minutes (tests/xunit.runner.json); after CONCORD_TEST_STACKS_AFTER seconds the managed stacks
# of every test host are printed; a test still running after 20 minutes is stopped and named (--blame-hang-timeout).
stacks_after=${CONCORD_TEST_STACKS_AFTER:-1500}
(
  nap=""
  trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  sleep "$stacks_after" & nap=$!
  wait "$nap"
  for pid in $(pgrep -f 'testhost.dll' || true); do
    echo "=== the tests have run for ${stacks_after}s: managed stacks of test host $pid ==="
    timeout 120 dotnet dotnet-stack report -p "$pid" || true
  done
) &
watchdog=$!
set +e
dotnet test Concord.slnx -c Release --no-build --blame-hang-timeout 20m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
kill "$watchdog" 2>/dev/null || true
wait "$watchdog" 2>/dev/null || true
read -r passed failed < <(awk '
  /^[[:space:]]+Passed:[[:space:]]+[0-9]+/ { p += $2 }
  /^[[:space:]]+Failed:[[:space:]]+[0-9]+/ { f += $2 }
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
    match($0, /Failed: +[0-9]+/); f += substr($0, RSTART + 8, RLENGTH - 8) + 0
    match($0, /Passed: +[0-9]+/); p += substr($0, RSTART + 8, RLENGTH - 8) + 0
  }
  END { print p + 0, f + 0 }' "$log")
echo "$passed passed, $failed failed"
if ((failed > 0)); then
  # The failed tests again, by name, at the very end where a shortened log still shows them.
  echo "failed:"
  grep -E '^[[:space:]]+Failed [A-Za-z_][A-Za-z0-9_.]+.* \[[^]]*s\]$' "$log" | sed -E 's/^[[:space:]]+/  /' | sort -u || true
  # and the first lines of each one's message
  grep -A 6 -E '^[[:space:]]+Failed [A-Za-z_][A-Za-z0-9_.]+.* \[[^]]*s\]$' "$log" | grep -v -E '^[[:space:]]+(Passed|Failed) ' | cut -c1-300 | head -60 || true
fi
rm -f "$log"
exit "$status"
