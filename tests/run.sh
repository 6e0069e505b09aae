#!/usr/bin/env bash
# The one command that runs every test from a fresh clone:
# style check, packages for the local feed, then every test project (unit, golden, SDK end-to-end, PostgreSQL, browser).
# Ends with a plain "N passed, N failed" line; the exit code is dotnet test's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_UI_LANGUAGE=en
# No MSBuild node may outlive the run (and keep task assemblies loaded).
export MSBUILDDISABLENODEREUSE=1

# The PostgreSQL tests start a throwaway server from these binaries (installed from Debian's packages if missing).
source tests/postgres.sh
pg_ensure_installed
pg_cron_ensure_installed

# The documentation site's browser tests (tests/TenantModels.Docs.Tests) open it in Debian's headless Chromium.
chromium_ensure_installed() {
  if [ -x /usr/bin/chromium ] || [ -n "${TENANTMODELS_CHROMIUM:-}" ]; then
    return 0
  fi
  echo "== Installing Chromium (apt-get install chromium)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}
chromium_ensure_installed
# The editor tests (tests/TenantModels.Editor.Tests) drive Red Hat's yaml-language-server, the server of VS Code's YAML
# extension: installed with npm (Node.js from Debian's packages if missing) into ~/.cache/tenantmodels/yaml-language-server.
yaml_language_server_ensure_installed() {
  local version="1.25.0" dir="${TENANTMODELS_YAML_LANGUAGE_SERVER_DIR:-$HOME/.cache/tenantmodels/yaml-language-server}"
  if grep -qs "\"version\": \"${version}\"" "$dir/node_modules/yaml-language-server/package.json"; then
    return 0
  fi
  if ! command -v npm >/dev/null; then
    echo "== Installing Node.js and npm (apt-get install nodejs npm)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "== Installing yaml-language-server ${version} into ${dir}"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent "yaml-language-server@${version}" >/dev/null
}
yaml_language_server_ensure_installed
# The Citus tests (tests/TenantModels.Citus.Tests) need Citus in that PostgreSQL: built once per machine into
# ~/.cache/tenantmodels/citus (its build dependencies installed with apt-get), then copied in. A no-op once done.
echo "== Citus for the Citus tests (tests/citus/ensure-citus.sh)"
bash tests/citus/ensure-citus.sh >/dev/null

echo "== dotnet format --verify-no-changes"
dotnet format TenantModels.sln --verify-no-changes

echo "== dotnet pack (artifacts/packages, the local feed of nuget.config)"
dotnet pack TenantModels.sln -c Release -nodeReuse:false -tl:off
# Same version, new bits: drop cached copies so samples restore what was just packed, not an older build.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/tenantmodels.*

echo "== dotnet test"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test TenantModels.sln -c Release -nodeReuse:false -tl:off 2>&1 | tee "$log" || status=$?

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 7, Skipped: 0, Total: 7, ..."
sum() {
  grep -E '^ *(Passed|Failed)! +- ' "$log" | grep -oE "$1: +[0-9]+" | grep -oE '[0-9]+$' | awk '{ s += $1 } END { print s + 0 }'
}
passed="$(sum Passed)"
failed="$(sum Failed)"
echo "${passed} passed, ${failed} failed"
if [ "$status" -eq 0 ] && [ "$failed" -ne 0 ]; then status=1; fi
exit "$status"
