#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need from Debian's packages when it is
# missing (Samba as an Active Directory domain controller for the LDAP connector's tests, Chromium for the widgets'
# browser tests, PostgreSQL and nginx for the scale-out tests, Postfix's smtp-sink for the notification tests), builds
# once (the host's build publishes the widget bundle), runs all test
# projects, and ends with the total line "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
for package in samba samba-ad-dc openssl libldap-2.5-0 chromium postgresql nginx postfix; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  # postfix only for its smtp-sink (a test SMTP server): no mail system is configured.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null \
    || echo "tests/run.sh: could not install ${missing[*]}; the tests that need them will fail and say so"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# The widget bundle first, on its own: its trimming reads the widget library, which nothing else may be building then.
if ! dotnet publish widgets/DelegationWidgets.Widgets.App/DelegationWidgets.Widgets.App.csproj -c Release -nologo -v quiet -clp:ErrorsOnly \
  || ! dotnet build DelegationWidgets.sln -c "$configuration" -p:WidgetsPublished=true -nologo -v quiet -clp:ErrorsOnly; then
  echo "tests/run.sh: the build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The SharePoint web part (npm, the machine's Node.js): its .sppkg and the page bridge the tests check; its own Jest
# tests run in its build. A failure here shows up as failed package and browser tests, with the log named below.
sharepoint_log="$results/sharepoint-build.log"
if ! (cd integrations/DelegationWidgets.SharePoint && npm ci --no-audit --no-fund --loglevel=error && npm run build && npm run bundle:bridge) >"$sharepoint_log" 2>&1; then
  echo "tests/run.sh: the SharePoint web part did not build; its log:"
  tail -n 30 "$sharepoint_log"
fi

dotnet test DelegationWidgets.sln -c "$configuration" --no-build -nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
status=$?

# Figures some tests print: the JSON Schema suite's pass rate through the Form Profile pipeline.
grep -ho "JSON Schema suite: [^<&]*" "$results"/*.trx 2>/dev/null | sort -u

# The ServiceNow widget's own scripts, run outside ServiceNow with Node's test runner (Node is there for the SharePoint build).
node_tap="$results/servicenow-widget.tap"
node --test --test-reporter=tap integrations/DelegationWidgets.ServiceNow/test/ >"$node_tap" 2>&1
node_status=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); p=${p:-0}
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=${f:-0}
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters"); e=${e:-0}
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); t=${t:-0}
  x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters"); x=${x:-0}
  passed=$((passed + p)); failed=$((failed + f + e)); skipped=$((skipped + t - x))
done

np=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$node_tap" | tail -n 1); np=${np:-0}
nf=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$node_tap" | tail -n 1); nf=${nf:-0}
passed=$((passed + np)); failed=$((failed + nf))
if [ "$node_status" -ne 0 ] && [ "$nf" -eq 0 ]; then
  echo "tests/run.sh: the ServiceNow widget's Node tests did not run; their output:"
  tail -n 20 "$node_tap"
  failed=$((failed + 1))
fi

if [ "$files" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  echo "tests/run.sh: dotnet test exited with $status without reporting a failed test (a test host crashed?)"
  failed=$((failed + 1))
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
