#!/usr/bin/env bash
# The Team page benchmark (issue 12's goal: p95 < 100 ms): 40 people and a 90-day rota generated on SQLite, a real host
# on 127.0.0.1, then N sequential GETs of /projects/{id}/team as the lead, reported as p50/p95/p99.
# Usage: scripts/bench-team.sh [requests=200] [people=40] [days=90]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-200}; people=${2:-40}; days=${3:-90}

work=$(mktemp -d /tmp/hypercare-bench-team.XXXX)
db="$work/bench.db"
dotnet build src/Hypercare.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Hypercare.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
bench=bench/Hypercare.Benchmarks/bin/Release/net10.0/Hypercare.Benchmarks.dll
read -r project email < <(dotnet "$bench" team-seed --db "$db" --people "$people" --days "$days" | tail -1)

port=5198
HYPERCARE_DB="$db" Logging__LogLevel__Default=Warning dotnet src/Hypercare.Web/bin/Release/net10.0/Hypercare.Web.dll --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/v1/ping" >/dev/null && break; sleep 0.5; done

echo "SQLite, $people people, $days-day rota, $(nproc) cores"
dotnet "$bench" team-get --url "http://127.0.0.1:$port" --project "$project" --email "$email" --requests "$requests"
