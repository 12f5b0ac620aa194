#!/usr/bin/env bash
# Peak memory of the processes a user runs for a LoginHistory import (issue 10, defect 9; ADR 0045, 0047): the `hypercare`
# CLI, and the web host with the import worker it starts for the upload (ADR 0047), each importing the benchmark's
# 10M-row export as generated (in time order) and shuffled. The figure is the kernel's high-water mark of resident
# memory (VmHWM) of each process, not a managed-heap count; for the web host, the host's own and its child's.
# Usage: scripts/bench-import-memory.sh [rows=10000000] [users=50000] [days=90]   (ONLY=cli or ONLY=web runs one side)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}; users=${2:-50000}; days=${3:-90}
dir="${TMPDIR:-/tmp}/hypercare-adoption-bench"
ordered="$dir/loginhistory-$rows-$users-$days.csv"
shuffled="$dir/loginhistory-$rows-$users-$days-shuffled.csv"
roster="$dir/users-$users.csv"

dotnet build src/Hypercare.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Hypercare.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Hypercare.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet bench/Hypercare.Benchmarks/bin/Release/net10.0/Hypercare.Benchmarks.dll adoption-file --rows "$rows" --users "$users" --days "$days" --dir "$dir" >/dev/null
if [[ ! -f "$shuffled" ]]; then
  { head -n 1 "$ordered"; tail -n +2 "$ordered" | shuf --random-source=<(yes); } >"$shuffled.tmp"
  mv "$shuffled.tmp" "$shuffled"
fi

work=$(mktemp -d /tmp/hypercare-import-memory.XXXX)
host=""
trap '[[ -n "$host" ]] && kill "$host" 2>/dev/null; rm -rf "$work"' EXIT
cli() { dotnet src/Hypercare.Cli/bin/Release/net10.0/hypercare.dll "$@"; }

hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || true; }

# Polls the process's VmHWM, and that of its children, until it exits (or, with a second argument, until that file
# appears); prints the last of each in MB: "own children" (children: the highest of any child's; 0 if none ran).
peak_of() {
  local pid=$1 until=${2:-} hwm=0 kids=0 now child
  while kill -0 "$pid" 2>/dev/null; do
    now=$(hwm_kb "$pid")
    [[ -n "$now" && "$now" -gt "$hwm" ]] && hwm=$now
    for child in $(pgrep -P "$pid"); do
      now=$(hwm_kb "$child")
      [[ -n "$now" && "$now" -gt "$kids" ]] && kids=$now
    done
    [[ -n "$until" && -s "$until" ]] && break
    sleep 0.1
  done
  echo "$((hwm / 1024)) $((kids / 1024))"
}

fresh_db() { # prints "db projectId"
  local db="$work/$1.db" project
  cli db migrate --db "$db" >/dev/null
  project=$(cli projects create --db "$db" --name "Memory bench" --system "Salesforce Sales Cloud" --go-live 2026-03-02 --time-zone Europe/Berlin --format json | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -1)
  cli adoption import users "$roster" --db "$db" --project "$project" >/dev/null
  echo "$db $project"
}

echo "LoginHistory import, $rows rows ($(du -h "$ordered" | cut -f1)), $(nproc) cores; peak resident memory (VmHWM) of the process"
for variant in ordered shuffled; do
  [[ "${ONLY:-}" == web ]] && break
  file=$ordered; [[ $variant == shuffled ]] && file=$shuffled
  read -r db project < <(fresh_db "cli-$variant")
  start=$(date +%s.%N)
  # Started directly (not through the cli function) so $! is the dotnet process itself.
  dotnet src/Hypercare.Cli/bin/Release/net10.0/hypercare.dll adoption import logins "$file" --db "$db" --project "$project" >"$work/cli.out" 2>&1 &
  read -r mb _ < <(peak_of $!)
  wait $! || { cat "$work/cli.out"; exit 1; }
  printf 'CLI  %-9s peak %4d MB  %5.1f s\n' "$variant" "$mb" "$(echo "$(date +%s.%N) - $start" | bc)"
done

port=$((20000 + RANDOM % 20000))
for variant in ordered shuffled; do
  [[ "${ONLY:-}" == cli ]] && break
  file=$ordered; [[ $variant == shuffled ]] && file=$shuffled
  rm -f "$work/answer.json"
  read -r db project < <(fresh_db "web-$variant")
  echo "memory-bench-password" | cli users add --db "$db" --email bench@example.com --name Bench --password-stdin >/dev/null 2>&1
  cli projects members add --db "$db" --project "$project" --email bench@example.com --role hypercare-lead >/dev/null
  token=$(cli tokens create --db "$db" --user bench@example.com --format json | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
  # The runner's own log line gives the worker's peak by its own account (read just before it answers), a check on
  # the polled figure, which can miss the worker's last tenth of a second.
  env HYPERCARE_DB="$db" Logging__LogLevel__Default=Warning Logging__LogLevel__Hypercare.Web.Adoption.OutOfProcessImportRunner=Information \
    dotnet src/Hypercare.Web/bin/Release/net10.0/Hypercare.Web.dll --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
  host=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/api/v1/ping" >/dev/null && break; sleep 0.5; done
  idle=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$host/status")
  start=$(date +%s.%N)
  curl -fsS -o "$work/answer.json" -H "Authorization: Bearer $token" -H "Content-Type: text/csv" -X POST -T "$file" \
    "http://127.0.0.1:$port/api/v1/projects/$project/adoption/imports/logins" &
  upload=$!
  read -r mb child < <(peak_of "$host" "$work/answer.json")
  wait $upload || { cat "$work/host.log"; exit 1; }
  printf 'Web  %-9s host peak %4d MB  worker peak %4d MB (by its own account %s MB)  %5.1f s (worker %s s)  (host idle after start %d MB)  %s\n' \
    "$variant" "$mb" "$child" "$(sed -n 's/.*peak resident memory \([0-9]*\) MB.*/\1/p' "$work/host.log" | tail -1)" \
    "$(echo "$(date +%s.%N) - $start" | bc)" "$(sed -n 's/.*finished in \([0-9.]*\) s.*/\1/p' "$work/host.log" | tail -1)" "$idle" \
    "$(grep -o '"imported":[0-9]*' "$work/answer.json")"
  kill "$host"; wait "$host" 2>/dev/null || true; host=""
done
