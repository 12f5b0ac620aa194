#!/usr/bin/env bash
# SLA performance (issue #3): the project dashboard, SLA risk and triage queue with 100,000 issues, on SQLite or
# PostgreSQL, driven by wrk; then the BenchmarkDotNet benchmark of SLA state for 100,000 open issues.
# Usage: scripts/bench-sla.sh [sqlite|postgres] [issues=100000] [seconds=15] [connections=8] [--no-bdn]
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}; issues=${2:-100000}; seconds=${3:-15}; connections=${4:-8}; bdn=${5:-}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/hypercare-bench-sla.XXXX)
if [ "$engine" = postgres ]; then
  pg_ctlcluster 15 main start 2>/dev/null || true
  su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='hypercare_test') THEN CREATE ROLE hypercare_test LOGIN CREATEDB PASSWORD 'hypercare_test'; END IF; END \\\$\\\$;\""
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS hypercare_bench WITH (FORCE)'" && su postgres -c "psql -q -c 'CREATE DATABASE hypercare_bench OWNER hypercare_test'"
  db="Host=127.0.0.1;Username=hypercare_test;Password=hypercare_test;Database=hypercare_bench"
else
  db="$work/bench.db"
fi

dotnet build src/Hypercare.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Hypercare.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
echo "Seeding $issues issues with SLA timelines ($engine) ..."
read -r project token < <(dotnet bench/Hypercare.Benchmarks/bin/Release/net10.0/Hypercare.Benchmarks.dll seed --db "$db" --issues "$issues" 2>/dev/null | tail -1)

port=5198
HYPERCARE_DB="$db" Hypercare__Sla__SweepSeconds=0 Logging__LogLevel__Default=Warning \
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
  line=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s -s "$work/report.lua" -H "Authorization: Bearer $token" "$2" | grep '^RESULT')
  printf '%-26s %s\n' "$1" "${line#RESULT }"
}
base="http://127.0.0.1:$port/api/v1/projects/$project"
# Warm-up (JIT, caches, connection pools): not reported.
for path in dashboard sla/risk triage/queue "issues?open=true&sort=severity"; do
  wrk -t1 -c1 -d3s -H "Authorization: Bearer $token" "$base/$path" >/dev/null
done
echo
echo "$engine, $issues issues, wrk -t2 -c$connections -d${seconds}s, $(nproc) cores"
run "GET dashboard" "$base/dashboard"
run "GET sla/risk" "$base/sla/risk"
run "GET triage/queue" "$base/triage/queue"
run "GET issues?open=true" "$base/issues?open=true&sort=severity"
start=$(date +%s%N)
curl -fs -o /dev/null -H "Authorization: Bearer $token" "$base/sla/report"
echo "  GET sla/report (every issue's clocks evaluated): $(( ($(date +%s%N) - start) / 1000000 )) ms"
kill $host 2>/dev/null || true

if [ "$bdn" != "--no-bdn" ]; then
  echo
  dotnet bench/Hypercare.Benchmarks/bin/Release/net10.0/Hypercare.Benchmarks.dll sla --filter '*' 2>&1 | sed -n '/^| Method/,/^$/p'
fi
