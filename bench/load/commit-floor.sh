#!/usr/bin/env bash
# What one PostgreSQL round trip and one durable commit cost on this machine, at concurrency 1, with nothing of
# AxonFlow in the way: the floor under the governed path's added latency (issue 3, c=1 target).
#
#   bench/load/commit-floor.sh        # about 1 minute; throwaway cluster under /tmp, removed afterwards
#
# Measures with pgbench (PostgreSQL's own client, -c 1, prepared statements, Unix socket):
#   (1) SELECT 1                                   — one round trip, no commit work
#   (2) INSERT of one audit-shaped row, synchronous_commit=on   — one durable commit (waits for the WAL flush)
#   (3) the same with synchronous_commit=off                     — the commit without the flush wait
# and pg_test_fsync on the same filesystem. Every run is bounded by time.
set -euo pipefail

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[[ -n "$BIN" && -x "$BIN/pgbench" ]] || { echo "PostgreSQL server binaries (with pgbench) are required: apt-get install -y postgresql" >&2; exit 1; }
SECONDS_EACH="${SECONDS_EACH:-10}"
WORK="$(mktemp -d /tmp/axonflow-floor.XXXXXX)"
chmod 711 "$WORK"
AS=()
if [[ $EUID -eq 0 ]]; then chown postgres "$WORK"; AS=(runuser -u postgres --); fi
cleanup() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" stop -m fast -w >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"${AS[@]}" "$BIN/initdb" -D "$WORK/data" -A trust -U postgres >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -o "-k $WORK -c listen_addresses='' -c fsync=on -c synchronous_commit=on" -w start >/dev/null
PG=(-h "$WORK" -U postgres -d postgres)
"${AS[@]}" "$BIN/psql" "${PG[@]}" -qAtc "CREATE TABLE floor_audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id text NOT NULL, client_id text NOT NULL, ts timestamptz NOT NULL DEFAULT now(), decision text NOT NULL,
  policies jsonb NOT NULL, query_redacted text); CREATE INDEX ON floor_audit (org_id, ts DESC);"

printf 'SELECT 1;\n' > "$WORK/select.sql"
printf "INSERT INTO floor_audit (org_id, client_id, decision, policies, query_redacted) VALUES ('org', 'bench', 'allowed', '[]', 'What is the weather today?');\n" > "$WORK/insert.sql"
chmod 644 "$WORK"/*.sql

run() { # name, pgbench args…
  local name="$1"; shift
  local out
  out="$("${AS[@]}" "$BIN/pgbench" "${PG[@]}" -n -c 1 -j 1 -M prepared -T "$SECONDS_EACH" -r "$@" 2>&1)"
  local lat tps
  lat="$(awk '/latency average/ {print $4}' <<<"$out")"
  tps="$(awk '/^tps/ {print $3; exit}' <<<"$out")"
  printf '| %-52s | %8s ms | %8s |\n' "$name" "$lat" "$tps"
}

echo
echo "PostgreSQL floor at concurrency 1 — $(date -u '+%Y-%m-%d %H:%M UTC') — $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %-52s | %11s | %8s |\n' "statement (pgbench -c 1, prepared, Unix socket)" "mean latency" "tps"
printf '|%s|%s|%s|\n' "------------------------------------------------------" "-------------" "----------"
run "SELECT 1 (one round trip)" -f "$WORK/select.sql"
run "INSERT one row, synchronous_commit=on (durable)" -f "$WORK/insert.sql"
PGOPTIONS="-c synchronous_commit=off" run "INSERT one row, synchronous_commit=off (not durable)" -f "$WORK/insert.sql"
echo
echo "pg_test_fsync on the same filesystem ($(df --output=fstype "$WORK" | tail -n 1 | tr -d ' ')), 2 s per method:"
(cd "$WORK" && "${AS[@]}" "$BIN/pg_test_fsync" -s 2 -f "$WORK/fsync.test" 2>&1 | sed -n '/Compare file sync methods using one 8kB write/,/^$/p' | sed 's/^/    /')
