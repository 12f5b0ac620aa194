#!/usr/bin/env bash
# End-to-end HTTP benchmark of the web host on SQLite with 100,000 issues (issue #2's performance goal):
# issue creation and the filtered issue list, beside a plain JSON endpoint of the same host as the ceiling.
# Usage: scripts/bench.sh [issues=100000] [seconds=15] [connections=8]
set -euo pipefail
cd "$(dirname "$0")/.."
issues=${1:-100000}; seconds=${2:-15}; connections=${3:-8}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/hypercare-bench.XXXX)
db="$work/bench.db"
dotnet build src/Hypercare.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Hypercare.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
echo "Seeding $issues issues into $db ..."
read -r project token < <(dotnet bench/Hypercare.Benchmarks/bin/Release/net10.0/Hypercare.Benchmarks.dll seed --db "$db" --issues "$issues" 2>/dev/null | tail -1)

port=5199
HYPERCARE_DB="$db" Logging__LogLevel__Default=Warning dotnet src/Hypercare.Web/bin/Release/net10.0/Hypercare.Web.dll --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/v1/ping" >/dev/null && break; sleep 0.5; done

cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.0f p50=%.1fms p95=%.1fms p99=%.1fms errors=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA
cat "$work/report.lua" >"$work/create.lua"
cat >>"$work/create.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, string.format(
    '{"title":"Bench issue %d","description":"Created by wrk","affectedArea":"Quotes","proposedSeverity":"sev2"}', n))
end
LUA

auth="Authorization: Bearer $token"
run() { # name, script, url
  local line
  line=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s -s "$2" -H "$auth" "$3" | grep '^RESULT')
  printf '%-34s %s\n' "$1" "${line#RESULT }"
}
base="http://127.0.0.1:$port/api/v1/projects/$project/issues"
# Warm-up (JIT, SQLite page cache, connection pools): not reported.
wrk -t2 -c"$connections" -d5s -H "$auth" "$base?severity=sev1&open=true&pageSize=25" >/dev/null
wrk -t2 -c"$connections" -d3s -s "$work/create.lua" -H "$auth" "$base" >/dev/null
echo
echo "SQLite, $issues issues, wrk -t2 -c$connections -d${seconds}s, $(nproc) cores"
run_plain() { local line; line=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s -s "$2" "$3" | grep "^RESULT"); printf "%-34s %s\n" "$1" "${line#RESULT }"; }
run_plain "GET /api/v1/ping (ceiling)" "$work/report.lua" "http://127.0.0.1:$port/api/v1/ping"
run "GET issues?severity=sev1&open=true" "$work/report.lua" "$base?severity=sev1&open=true&pageSize=25"
run "GET issues?q=quotes&sort=oldest" "$work/report.lua" "$base?q=quotes&sort=oldest&pageSize=25"
run "POST issues (create)" "$work/create.lua" "$base"
echo "Issues now: $(curl -fs -H "$auth" "$base?pageSize=1" | sed -E 's/.*"totalCount":([0-9]+).*/\1/')"
