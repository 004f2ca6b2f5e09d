#!/usr/bin/env bash
# Starts again a domain controller that pause-dc.sh stopped, on the same address; prints "ready" once LDAPS accepts connections.
#
#   tests/samba/resume-dc.sh <work-dir> <address>
set -euo pipefail
work="${1:?usage: resume-dc.sh <work-dir> <address>}"
address="${2:?usage: resume-dc.sh <work-dir> <address>}"
samba -s "$work/etc/smb.conf" -M single -D >>"$work/start-dc.log" 2>&1 \
  || { echo "resume-dc.sh: samba did not start (see $work/start-dc.log)" >&2; exit 1; }
for _ in $(seq 1 150); do
  if (exec 3<>"/dev/tcp/$address/636") 2>/dev/null; then
    echo ready
    exit 0
  fi
  sleep 0.2
done
echo "resume-dc.sh: samba did not listen on $address:636 within 30 seconds" >&2
exit 1
