#!/usr/bin/env bash
# A PostgreSQL 15 primary with a synchronous streaming standby, managed by repmgr, on loopback ports with its data in
# one folder. Used by the failover test and as the worked example of docs/scaling.md.
#
#   cluster.sh up DIR [PRIMARY_PORT STANDBY_PORT]   initdb the primary, clone the standby, register both, make it synchronous
#   cluster.sh status DIR                           repmgr's view of the cluster
#   cluster.sh kill DIR                             kill -9 the primary's postmaster (what a crashed machine looks like)
#   cluster.sh promote DIR                          promote the standby (repmgr standby promote) and let it commit alone
#   cluster.sh down DIR                             stop both servers and remove DIR
#
# `up` prints shell assignments (PRIMARY_PORT, STANDBY_PORT, CONCORD_DB, CONCORD_READ_DB) and keeps them in DIR/cluster.env.
# PostgreSQL refuses to run as root: as root, every server command runs as the postgres user.
set -euo pipefail

bin=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
# Every change in Concord commits with its audit entry, so every write transaction is a custody/audit transaction:
# the default is for all of them to wait until the standby has applied them (remote_apply); `on` waits for the
# standby's disk only (nothing committed is lost, but a read on the standby may lag by milliseconds).
sync_commit=${CONCORD_SYNC_COMMIT:-remote_apply}

die() { echo "cluster.sh: $*" >&2; exit 1; }
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Statements from a script run one by one (ALTER SYSTEM and CREATE DATABASE refuse a transaction block).
psql_at() { printf '%s\n' "$2" | as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -At -f -; }
start() { as_pg "$bin/pg_ctl" -D "$1" -o "-p $2 -k $3 -c listen_addresses=127.0.0.1" -l "$1/log" -w -t 60 start >/dev/null; }

node_conf() { # node id, name, port, data directory
  cat <<CONF
node_id=$1
node_name='$2'
conninfo='host=127.0.0.1 port=$3 user=repmgr dbname=repmgr connect_timeout=2'
data_directory='$4'
pg_bindir='$bin'
use_replication_slots=yes
log_level=WARNING
CONF
}

up() {
  local dir=$1 p1=${2:-$(free_port)} p2=${3:-$(free_port)}
  [[ -x $bin/postgres ]] || die "PostgreSQL 15 is needed: apt-get install postgresql-15"
  [[ -x $bin/repmgr ]] || die "repmgr is needed: apt-get install postgresql-15-repmgr"
  [[ -e $dir/cluster.env ]] && die "$dir already holds a cluster"
  mkdir -p "$dir/sock"
  dir=$(cd "$dir" && pwd)
  [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$dir"
  local primary=$dir/node1 standby=$dir/node2
  as_pg "$bin/initdb" -D "$primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$primary/postgresql.conf" <<CONF
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
wal_log_hints = on
max_connections = 200
CONF
  node_conf 1 node1 "$p1" "$primary" | as_pg tee "$dir/node1.conf" >/dev/null
  node_conf 2 node2 "$p2" "$standby" | as_pg tee "$dir/node2.conf" >/dev/null
  start "$primary" "$p1" "$dir/sock"
  psql_at "$p1" "CREATE ROLE repmgr SUPERUSER LOGIN; CREATE ROLE concord LOGIN CREATEDB; CREATE DATABASE repmgr OWNER repmgr; CREATE DATABASE concord OWNER concord;"
  as_pg "$bin/repmgr" -f "$dir/node1.conf" primary register >/dev/null
  as_pg "$bin/repmgr" -f "$dir/node2.conf" -h 127.0.0.1 -p "$p1" -U repmgr -d repmgr standby clone --fast-checkpoint >/dev/null 2>"$dir/clone.log" \
    || { cat "$dir/clone.log" >&2; die "standby clone failed"; }
  start "$standby" "$p2" "$dir/sock"
  as_pg "$bin/repmgr" -f "$dir/node2.conf" standby register --upstream-node-id=1 --wait-sync=30 >/dev/null
  # The standby streams under its node name (repmgr writes it into primary_conninfo as application_name).
  psql_at "$p1" "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (node2)'; ALTER SYSTEM SET synchronous_commit = '$sync_commit'; SELECT pg_reload_conf();" >/dev/null
  local state=""
  for _ in $(seq 1 100); do
    state=$(psql_at "$p1" "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'node2'")
    [[ $state == sync ]] && break
    sleep 0.1
  done
  [[ $state == sync ]] || die "the standby did not become synchronous (state '$state')"
  as_pg tee "$dir/cluster.env" >/dev/null <<ENV
PRIMARY_PORT=$p1
STANDBY_PORT=$p2
CONCORD_DB='Host=127.0.0.1:$p1,127.0.0.1:$p2;Username=concord;Database=concord;Target Session Attributes=primary;Host Recheck Seconds=2'
CONCORD_READ_DB='Host=127.0.0.1:$p2,127.0.0.1:$p1;Username=concord;Database=concord;Target Session Attributes=prefer-standby;Host Recheck Seconds=2'
ENV
  cat "$dir/cluster.env"
}

load() {
  [[ -f $1/cluster.env ]] || die "$1 holds no cluster (cluster.sh up $1 first)"
  # shellcheck source=/dev/null
  source "$1/cluster.env"
  dir=$(cd "$1" && pwd)
}

kill_primary() {
  load "$1"
  local pid
  pid=$(head -1 "$dir/node1/postmaster.pid" 2>/dev/null) || die "the primary is not running"
  # The postmaster and its backends at once, as when the machine goes: no backend finishes what it was doing.
  # shellcheck disable=SC2046
  kill -9 "$pid" $(pgrep -P "$pid") 2>/dev/null || true
  echo "killed the primary (postmaster $pid and its processes)"
}

promote() {
  load "$1"
  # repmgr checks that the primary is gone, then promotes (pg_promote) and records the new primary in its metadata.
  as_pg "$bin/repmgr" -f "$dir/node2.conf" standby promote >/dev/null 2>"$dir/promote.log" \
    || { cat "$dir/promote.log" >&2; die "promotion failed"; }
  # The promoted server has no standby of its own: waiting for one would stop every commit. It commits alone until a
  # new standby is cloned from it (repmgr standby clone / node rejoin), which makes replication synchronous again.
  psql_at "$STANDBY_PORT" "ALTER SYSTEM SET synchronous_standby_names = ''; SELECT pg_reload_conf();" >/dev/null
  echo "node2 (port $STANDBY_PORT) is the primary"
}

status() {
  load "$1"
  as_pg "$bin/repmgr" -f "$dir/node2.conf" cluster show
}

down() {
  [[ -d $1 ]] || return 0
  local d
  for d in "$1"/node1 "$1"/node2; do
    [[ -f $d/postmaster.pid ]] && as_pg "$bin/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$1"
}

case ${1:-} in
  up) shift; [[ $# -ge 1 ]] || die "usage: cluster.sh up DIR [PRIMARY_PORT STANDBY_PORT]"; up "$@" ;;
  kill) [[ $# -eq 2 ]] || die "usage: cluster.sh kill DIR"; kill_primary "$2" ;;
  promote) [[ $# -eq 2 ]] || die "usage: cluster.sh promote DIR"; promote "$2" ;;
  status) [[ $# -eq 2 ]] || die "usage: cluster.sh status DIR"; status "$2" ;;
  down) [[ $# -eq 2 ]] || die "usage: cluster.sh down DIR"; down "$2" ;;
  *) die "usage: cluster.sh up|status|kill|promote|down DIR" ;;
esac
