#!/usr/bin/env bash
# Adds a migration with the same name to both providers: every model change lands in both (ARCHITECTURE.md §3.7).
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Hypercare.Migrations.$provider" --startup-project "src/Hypercare.Migrations.$provider" --output-dir Migrations
done
