#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, then remove the cluster:
#   scripts/with-postgres.sh .venv/bin/python -m pytest -q
# initdb in a temporary folder, pg_ctl on a free port with its unix socket in that folder
# (no TCP), TIMELINE_TEST_POSTGRES exported to the command, and the cluster stopped and
# deleted however the command ends. As root it runs the server as the `postgres` user
# (initdb refuses root); set PG_BIN to choose the server binaries.
set -euo pipefail

if [ -z "${PG_BIN:-}" ]; then
  if command -v initdb >/dev/null; then
    PG_BIN="$(dirname "$(command -v initdb)")"
  else
    PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
  fi
fi
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: no initdb found (install postgresql, or set PG_BIN)" >&2
  exit 2
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/timeline-pg.XXXXXX")"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

cleanup() {
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

"${as_owner[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# Settings for a disposable test server: no durability, nothing listening on TCP.
"${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export TIMELINE_TEST_POSTGRES="postgresql://postgres@/postgres?host=$dir&port=$port"
echo "with-postgres: $TIMELINE_TEST_POSTGRES" >&2
"$@"
