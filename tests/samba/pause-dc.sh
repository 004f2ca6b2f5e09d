#!/usr/bin/env bash
# Stops the domain controller start-dc.sh started in <work-dir> but keeps its folder, so resume-dc.sh can start it again
# with the same domain (used to make the DC unreachable for a while).
#
#   tests/samba/pause-dc.sh <work-dir>
set -uo pipefail
work="${1:?usage: pause-dc.sh <work-dir>}"
pidfile="$work/run/samba.pid"
[ -f "$pidfile" ] || { echo "pause-dc.sh: no $pidfile (is the DC running?)" >&2; exit 1; }
pid="$(cat "$pidfile")"
kill "$pid" 2>/dev/null
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || exit 0
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null
exit 0
