#!/usr/bin/env bash
# Runs every test on a fresh machine that has only the .NET SDK and root: installs and starts what the tests need
# (PostgreSQL 15, Chromium), builds with warnings as errors, checks formatting, runs all test projects, and prints
# "N passed, N failed[, N skipped]" as the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

say() { printf '\n==> %s\n' "$*"; }

apt_updated=0
need_package() {
  if ! dpkg -s "$1" >/dev/null 2>&1; then
    if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  fi
}

say "PostgreSQL"
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql/15/main ]; then
  need_package postgresql-15
fi
pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hypercare_test') THEN
    CREATE ROLE hypercare_test LOGIN CREATEDB PASSWORD 'hypercare_test';
  END IF;
END $$;
SQL
# Throwaway databases left by an earlier, interrupted run.
for db in $(su postgres -c "psql -At -c \"SELECT datname FROM pg_database WHERE datname LIKE 'hc_test_%' OR datname LIKE 'hc_template_%'\""); do
  su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)'"
done
export HYPERCARE_TEST_PG="Host=127.0.0.1;Port=5432;Username=hypercare_test;Password=hypercare_test;Database=postgres"

say "Chromium"
need_package chromium
chromium --version

say "Build (warnings are errors)"
dotnet build Hypercare.slnx -c Release -nologo -clp:ErrorsOnly

say "Formatting"
dotnet format Hypercare.slnx --verify-no-changes --no-restore

say "Tests"
# One run per test project, each into its own folder, so no result file can overwrite another.
test_exit=0
projects=(tests/*/*.Tests.csproj)
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" || test_exit=1
done

passed=0; failed=0; skipped=0
found=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  t=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
  e=$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$counters")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
  found=$((found + 1))
done
if [ "$found" != "${#projects[@]}" ]; then
  echo "Expected results from ${#projects[@]} test projects, found $found."
  failed=$((failed + 1))
fi
if [ "$test_exit" != 0 ] && [ "$failed" = 0 ]; then
  # The runner failed without a failing test (a crash, a project that did not run): count it as a failure.
  failed=1
fi

echo
echo "Test run took $(( $(date +%s) - started )) s."
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
