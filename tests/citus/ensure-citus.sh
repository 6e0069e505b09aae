#!/usr/bin/env bash
# Makes Citus available to this machine's PostgreSQL for the Citus tests (tests/TenantModels.Citus.Tests), once.
#
# Citus is not in Debian's archive: it is built from its source tarball (build-citus.sh, ~5-6 minutes on 2 cores)
# into a cache outside the repository, keyed by Citus tag and PostgreSQL major version, e.g.
#   ~/.cache/tenantmodels/citus/13.2.2-pg15/usr/lib/postgresql/15/lib/citus.so
# and copied from there into PostgreSQL's library and extension folders. Later runs find the cache and only copy
# (nothing at all when the installed files are already the cached ones). Concurrent runs wait on a lock.
#
# Env:
#   TENANTMODELS_CITUS_TARBALL   the source tarball; default ../shared/citus/citus-v13.2.2.tar.gz beside the repository
#   TENANTMODELS_CITUS_CACHE     the cache root; default ${XDG_CACHE_HOME:-~/.cache}/tenantmodels/citus
#   PG_CONFIG                    default /usr/lib/postgresql/<newest>/bin/pg_config
# Prints the cache folder on its last line. Needs root (apt-get for the build dependencies, system folders).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tag=v13.2.2
tarball="${TENANTMODELS_CITUS_TARBALL:-$repo/../shared/citus/citus-$tag.tar.gz}"
if [ -z "${PG_CONFIG:-}" ]; then
  PG_CONFIG="$(ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -V | tail -1 || true)"
fi
pg_major="$(ls -d /usr/lib/postgresql/*/ 2>/dev/null | xargs -n1 basename | sort -n | tail -1)"
cache_root="${TENANTMODELS_CITUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tenantmodels/citus}"
cache="$cache_root/${tag#v}-pg$pg_major"
pkglibdir="/usr/lib/postgresql/$pg_major/lib"
extdir="/usr/share/postgresql/$pg_major/extension"

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock"
flock 9

if [ ! -f "$cache/usr/lib/postgresql/$pg_major/lib/citus.so" ]; then
  [ -f "$tarball" ] || { echo "Citus source tarball not found: $tarball (set TENANTMODELS_CITUS_TARBALL)" >&2; exit 2; }
  staging="$cache.partial.$$"
  rm -rf "$staging"
  echo "== Building Citus $tag for PostgreSQL $pg_major into $cache (once per machine, ~5-6 minutes)" >&2
  # Built into a staging folder and renamed: an interrupted build never looks like a cached one.
  PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/$pg_major/bin/pg_config}" BITCODE=no DESTDIR="$staging" \
    WORK="${TMPDIR:-/tmp}/tenantmodels-citus-build" bash "$here/build-citus.sh" "$tarball" "$tag" >&2
  rm -rf "$cache"
  mv "$staging" "$cache"
fi

# Copy into PostgreSQL's folders unless the installed citus.so is already the cached one.
if ! cmp -s "$cache$pkglibdir/citus.so" "$pkglibdir/citus.so"; then
  echo "== Installing Citus $tag from $cache" >&2
  cp -a "$cache/usr/." /usr/
fi
echo "$cache"
