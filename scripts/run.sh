#!/usr/bin/env bash
# Starts Hypercare on its embedded default (a SQLite file under ./data) with a seeded demo go-live, ten days in.
# Prints the address and the demo sign-in. Extra arguments go to the host (e.g. --urls http://0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data
# Published, not `dotnet run`: a Production host serves its static assets (CSS, blazor.web.js) from the publish output.
dotnet publish src/Hypercare.Web -c Release -o artifacts/web -nologo -clp:ErrorsOnly
exec dotnet artifacts/web/Hypercare.Web.dll --contentRoot "$(pwd)/artifacts/web" \
  --urls "${HYPERCARE_URLS:-http://127.0.0.1:5080}" \
  --db "${HYPERCARE_DB:-$(pwd)/data/hypercare.db}" \
  --Hypercare:SeedDemo=true \
  "$@"
