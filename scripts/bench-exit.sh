#!/usr/bin/env bash
# Issue 11's performance goal: every exit rule and the forecast for a project with 10,000 issues over 120 days under
# 100 ms, and the Exit page p95 under 100 ms, on SQLite or PostgreSQL. Seeds the project, times the status in-process
# (bench/Hypercare.Benchmarks exit), then drives the host's Exit API and the Exit page with wrk.
# Usage: scripts/bench-exit.sh [sqlite|postgres] [issues=10000] [days=120] [seconds=10] [connections=4]
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}; issues=${2:-10000}; days=${3:-120}; seconds=${4:-10}; connections=${5:-4}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d /tmp/hypercare-bench-exit.XXXX)
if [ "$engine" = postgres ]; then
  pg_ctlcluster 15 main start 2>/dev/null || true
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS hypercare_bench_exit WITH (FORCE)'" && su postgres -c "psql -q -c 'CREATE DATABASE hypercare_bench_exit OWNER hypercare_test'"
  db="Host=127.0.0.1;Username=hypercare_test;Password=hypercare_test;Database=hypercare_bench_exit"
else
  db="$work/bench.db"
fi
dotnet build src/Hypercare.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Hypercare.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet bench/Hypercare.Benchmarks/bin/Release/net10.0/Hypercare.Benchmarks.dll exit --db "$db" --issues "$issues" --days "$days" 2>/dev/null | tee "$work/inprocess.txt" | head -n -1
read -r project token < <(tail -1 "$work/inprocess.txt")

port=$((20000 + RANDOM % 20000))
HYPERCARE_DB="$db" Hypercare__Sla__SweepSeconds=0 Hypercare__Exit__SweepSeconds=0 Logging__LogLevel__Default=Warning \
  dotnet src/Hypercare.Web/bin/Release/net10.0/Hypercare.Web.dll --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/v1/ping" >/dev/null && break; sleep 0.5; done
cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.0f p50=%.1fms p95=%.1fms p99=%.1fms non2xx=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
LUA
run() {
  local line
  line=$(wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --timeout 5s -s "$work/report.lua" -H "Authorization: Bearer $token" "$2" | grep '^RESULT')
  printf '%-28s %s\n' "$1" "${line#RESULT }"
}
api="http://127.0.0.1:$port/api/v1/projects/$project/exit"
page="http://127.0.0.1:$port/projects/$project/exit"
wrk -t1 -c1 -d3s -H "Authorization: Bearer $token" "$api" >/dev/null
wrk -t1 -c1 -d3s -H "Authorization: Bearer $token" "$page" >/dev/null
echo
echo "$engine host, wrk -c$connections -d${seconds}s, $(nproc) cores"
run "GET api …/exit" "$api"
run "GET /projects/…/exit (page)" "$page"
run "GET api …/exit/forecast.png" "$api/forecast.png"
