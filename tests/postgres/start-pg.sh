#!/usr/bin/env bash
# Creates a throw-away PostgreSQL cluster and starts it on 127.0.0.1:<port>.
#
#   tests/postgres/start-pg.sh <work-dir> <port> <password>
#
# <work-dir>  an empty or missing folder; the cluster, its socket and its log stay in it (stop-pg.sh removes it).
#             A folder that already holds a cluster (stopped with stop-pg.sh --keep) is started again as it is.
# The superuser is "postgres" with <password> (SCRAM over TCP; nothing is trusted). Durability settings are
# relaxed (fsync off): the tests kill hosts, never the database server. Prints "ready" once it accepts connections.
# Needs root (the server runs as the Debian user "postgres") and the Debian package postgresql.
set -euo pipefail

work="${1:?usage: start-pg.sh <work-dir> <port> <password>}"
port="${2:?usage: start-pg.sh <work-dir> <port> <password>}"
password="${3:?usage: start-pg.sh <work-dir> <port> <password>}"

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || ! id postgres >/dev/null 2>&1; then
  echo "start-pg.sh: PostgreSQL is not installed; install the Debian package postgresql" >&2
  exit 2
fi

mkdir -p "$work"
work="$(cd "$work" && pwd)"
if [ ! -d "$work/data" ]; then
  chown postgres "$work"
  printf '%s\n' "$password" >"$work/pwfile"
  chown postgres "$work/pwfile"
  chmod 600 "$work/pwfile"

  runuser -u postgres -- "$bin/initdb" -D "$work/data" -U postgres --auth=scram-sha-256 --pwfile="$work/pwfile" \
    --encoding=UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || { echo "start-pg.sh: initdb failed" >&2; tail -n 20 "$work/initdb.log" >&2; exit 1; }
  rm -f "$work/pwfile"
fi

runuser -u postgres -- "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >"$work/pg_ctl.log" 2>&1 \
  || { echo "start-pg.sh: the server did not start" >&2; tail -n 20 "$work/server.log" >&2; exit 1; }
echo ready
