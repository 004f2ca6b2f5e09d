#!/usr/bin/env bash
# Stops the domain controller start-dc.sh started in <work-dir> and removes the folder.
#
#   tests/samba/stop-dc.sh <work-dir>
set -uo pipefail
work="${1:?usage: stop-dc.sh <work-dir>}"
pidfile="$work/run/samba.pid"
if [ -f "$pidfile" ]; then
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null
fi
rm -rf "$work"
