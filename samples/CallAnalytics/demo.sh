#!/usr/bin/env bash
# The main job, end to end on a throwaway PostgreSQL: build this model project (with the SDK from this
# repository's source, samples/Sdk: nothing to pack first), start a temporary server, load the connectors'
# raw schemas, plan and apply the bundle with the runner, apply again (nothing to do), and show what each
# tenant's staging view and the canonical view return.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$repo/tests/postgres.sh"

echo "== dotnet build samples/CallAnalytics (TenantModels.Sdk from source: samples/Sdk)"
dotnet build "$here/CallAnalytics.csproj" -c Release --nologo -v:q
bundle="$here/bin/Release/net10.0/bundle"
echo "   bundle: $bundle"
ls "$bundle" "$bundle/artefacts"

pg_ensure_installed
pg_start_throwaway
trap pg_stop_throwaway EXIT
export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres PGDATABASE=postgres

echo "== Loading the raw connector schemas of three tenants"
psql -q -v ON_ERROR_STOP=1 -f "$here/demo/raw-data.sql"

runner=(dotnet run --project "$repo/src/TenantModels.Runner" -c Release --no-launch-profile --)
echo "== tenantmodels plan"
"${runner[@]}" plan "$bundle"
echo "== tenantmodels apply"
"${runner[@]}" apply "$bundle"
echo "== tenantmodels apply (again: nothing to do)"
"${runner[@]}" apply "$bundle"
echo "== tenantmodels test (every tenant's staging views are in the canonical views)"
"${runner[@]}" test "$bundle"

echo "== What each tenant sees"
psql -q -v ON_ERROR_STOP=1 -f "$here/demo/show.sql"

echo "== The same data through the generated C# types (samples/CallAnalyticsApp)"
dotnet run --project "$repo/samples/CallAnalyticsApp" -c Release -- "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
