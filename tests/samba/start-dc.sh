#!/usr/bin/env bash
# Provisions a throw-away Samba Active Directory domain controller and starts it on one loopback address.
#
#   tests/samba/start-dc.sh <work-dir> <address> <admin-password>
#
# <work-dir>  an empty or missing folder; everything the DC writes stays in it (stop-dc.sh removes it).
# <address>   a loopback address in 127.0.0.0/8 (e.g. 127.77.0.1), so several DCs (and anything on 127.0.0.1)
#             can run side by side on the standard ports 389/636.
# Domain DEMO / realm DEMO.EXAMPLE (base DN DC=demo,DC=example), only the LDAP service, DNS off, a password policy
# (complexity on, minimum length 10, history 3, lockout after 3 bad passwords for 30 minutes), and a TLS certificate
# from a throw-away CA whose subjectAltName names <address> and localhost: <work-dir>/tls/ca.pem is the file
# the connector is told to trust. The old password stops working at once after a reset (as the tests expect).
# Prints "ready" once LDAPS accepts connections. Needs root and the Debian packages
# samba, samba-ad-dc (Debian 12 puts the AD DC parts there) and openssl.
set -euo pipefail

work="${1:?usage: start-dc.sh <work-dir> <address> <admin-password>}"
address="${2:?usage: start-dc.sh <work-dir> <address> <admin-password>}"
adminpass="${3:?usage: start-dc.sh <work-dir> <address> <admin-password>}"

for tool in samba samba-tool openssl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "start-dc.sh: '$tool' is not installed; install the Debian packages samba, samba-ad-dc and openssl" >&2
    exit 2
  fi
done

mkdir -p "$work"
work="$(cd "$work" && pwd)"
log="$work/start-dc.log"
: >"$log"

samba-tool domain provision --server-role=dc --dns-backend=NONE --use-rfc2307 \
  --realm=DEMO.EXAMPLE --domain=DEMO --host-name=dc1 --adminpass="$adminpass" --targetdir="$work" \
  --option="interfaces=$address/8" --option="bind interfaces only=yes" >>"$log" 2>&1 \
  || { echo "start-dc.sh: samba-tool domain provision failed (see $log)" >&2; tail -n 20 "$log" >&2; exit 1; }

# TLS: a throw-away CA and a server certificate for the loopback address.
tls="$work/tls"
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=DelegationWidgets test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$tls/ca-key.pem" -out "$tls/ca.pem" >>"$log" 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=dc1.demo.example" -keyout "$tls/key.pem" -out "$tls/server.csr" >>"$log" 2>&1
printf 'subjectAltName=IP:%s,DNS:localhost,DNS:dc1.demo.example\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$address" >"$tls/server.ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" -CAcreateserial -days 2 \
  -extfile "$tls/server.ext" -out "$tls/cert.pem" >>"$log" 2>&1
chmod 600 "$tls/key.pem" "$tls/ca-key.pem"

# Only LDAP (and CLDAP), everything under the work folder, the generated certificate.
conf="$work/etc/smb.conf"
mkdir -p "$work/run" "$work/ntp" "$work/winbindd" "$work/log"
sed -i \
  -e "s#^\(\s*server services\s*=\).*#\1 ldap, cldap#" \
  -e "s#^\(\s*log file\s*=\).*#\1 $work/log/log.%m#" \
  "$conf"
sed -i "/^\[global\]/a\\
\tpid directory = $work/run\\
\tntp signd socket directory = $work/ntp\\
\twinbindd socket directory = $work/winbindd\\
\ttls enabled = yes\\
\ttls keyfile = $tls/key.pem\\
\ttls certfile = $tls/cert.pem\\
\ttls cafile = $tls/ca.pem\\
\told password allowed period = 0" "$conf"

samba-tool domain passwordsettings set -H "$work/private/sam.ldb" -s "$conf" \
  --complexity=on --min-pwd-length=10 --history-length=3 --min-pwd-age=0 --max-pwd-age=0 \
  --account-lockout-threshold=3 --account-lockout-duration=30 --reset-account-lockout-after=30 >>"$log" 2>&1 \
  || { echo "start-dc.sh: samba-tool domain passwordsettings failed (see $log)" >&2; tail -n 20 "$log" >&2; exit 1; }

samba -s "$conf" -M single -D >>"$log" 2>&1 \
  || { echo "start-dc.sh: samba did not start (see $log)" >&2; tail -n 20 "$log" >&2; exit 1; }

for _ in $(seq 1 150); do
  if (exec 3<>"/dev/tcp/$address/636") 2>/dev/null; then
    echo ready
    exit 0
  fi
  sleep 0.2
done
echo "start-dc.sh: samba did not listen on $address:636 within 30 seconds (see $work/log)" >&2
exit 1
