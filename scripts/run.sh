#!/usr/bin/env bash
# Starts Hypercare on its embedded default (a SQLite file under ./data) with a seeded demo go-live, ten days in.
# Prints the address and the demo sign-in. Extra arguments go to the host (e.g. --urls http://0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data
exec dotnet run --project src/Hypercare.Web -c Release -- \
  --urls "${HYPERCARE_URLS:-http://127.0.0.1:5080}" \
  --db "${HYPERCARE_DB:-$(pwd)/data/hypercare.db}" \
  --Hypercare:SeedDemo=true \
  "$@"
