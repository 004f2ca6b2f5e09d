#!/usr/bin/env bash
# Stops a cluster started by start-pg.sh and removes its folder.
#
#   tests/postgres/stop-pg.sh <work-dir> [--keep]
#
# --keep  stops the server at once (as a crash would) but keeps the cluster, so start-pg.sh can start it again.
set -uo pipefail
work="${1:?usage: stop-pg.sh <work-dir> [--keep]}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -d "$work/data" ] && [ -n "$bin" ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$work/data" -m immediate -w -t 30 stop >/dev/null 2>&1
fi
[ "${2:-}" = "--keep" ] || rm -rf "$work"
