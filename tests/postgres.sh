# Shell helpers for a throwaway PostgreSQL, sourced by tests/run.sh and the sample demo.
# (The test suite itself starts its server from C#: tests/TenantModels.Testing/PostgresServer.cs.)

pg_bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

# Installs the PostgreSQL server from Debian's packages when it is missing.
pg_ensure_installed() {
  if pg_bin_dir >/dev/null && command -v psql >/dev/null 2>&1; then
    return 0
  fi
  echo "== Installing PostgreSQL (apt-get install postgresql)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

# pg_cron for the scheduled-refresh tests (their server loads it: tests/TenantModels.Testing/SharedCronPostgres.cs),
# from Debian's packages, built for the installed PostgreSQL major version.
pg_cron_ensure_installed() {
  local bin major
  bin="$(pg_bin_dir)" || return 1
  major="$("$bin/pg_config" --version 2>/dev/null | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')"
  [ -n "$major" ] || major="$(basename "$(dirname "$bin")")"
  if [ -f "/usr/lib/postgresql/$major/lib/pg_cron.so" ]; then
    return 0
  fi
  echo "== Installing pg_cron (apt-get install postgresql-$major-cron)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "postgresql-$major-cron" >/dev/null
}

# PostgreSQL refuses to run as root: run server commands as the postgres user then.
pg_as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts a server in a temp dir on a free port of 127.0.0.1; sets PG_PORT and PG_DATA.
pg_start_throwaway() {
  local bin; bin="$(pg_bin_dir)"
  PG_DATA="$(mktemp -d /tmp/tenantmodels-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DATA"
  pg_as_server_user "$bin/initdb" -D "$PG_DATA/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
  local port
  for port in $(seq 55432 55532); do
    if pg_as_server_user "$bin/pg_ctl" -D "$PG_DATA/data" -l "$PG_DATA/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DATA -c fsync=off" start >/dev/null 2>&1; then
      PG_PORT=$port
      echo "== Throwaway PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DATA)"
      return 0
    fi
  done
  echo "could not start PostgreSQL; see $PG_DATA/server.log" >&2
  return 1
}

pg_stop_throwaway() {
  [ -n "${PG_DATA:-}" ] || return 0
  pg_as_server_user "$(pg_bin_dir)/pg_ctl" -D "$PG_DATA/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DATA"
}
