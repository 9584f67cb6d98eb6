#!/usr/bin/env bash
# Diagnostic A/B for bench/load/RESULTS.md: the same governed load with Npgsql options added to the app-role DSN,
# without touching src/. Loopback only, bounded, self-stopping (like run.sh, whose build it reuses: run run.sh first).
#
#   bench/load/npgsql-options.sh        # ~4 minutes: variants baseline / auto-prepare, three times, alternating
#
# (Multiplexing=true was tried too: the host stops at start, PolicyChangeListener's LISTEN needs
# NpgsqlConnection.WaitAsync, which multiplexing does not support — it would need its own non-multiplexed data source.)
#
# How: `axonflow serve` creates and migrates an embedded cluster in a temp dir and is stopped; the harness then starts
# that cluster itself (durable, same settings) and runs `axonflow serve` against it with DATABASE_URL and
# AXONFLOW_DB_APP_ROLE_URL in keyword form, the variant's options appended to the app-role DSN.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/artifacts/bench"
SECS="${SECS:-15}"
ROUNDS="${ROUNDS:-3}"
PG_BIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")"
[[ -f "$BIN/mock/axonflow-mock-provider.dll" ]] || { echo "run bench/load/run.sh first (it builds the mock)" >&2; exit 1; }
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

WORK="$(mktemp -d /tmp/axonflow-npgsql.XXXXXX)"
chmod 711 "$WORK"
HOME_DIR="$WORK/home"
PGDATA_DIR="$HOME_DIR/pg/data"
MOCK_PID="" AX_PID=""
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_ax() {
  [[ -n "$AX_PID" ]] || return 0
  kill -TERM "$AX_PID" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$AX_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$AX_PID" 2>/dev/null || true
  AX_PID=""
}
cleanup() {
  set +e
  stop_ax
  [[ -f "$PGDATA_DIR/postmaster.pid" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" stop -m fast -w -t 30 >/dev/null 2>&1
  [[ -n "$MOCK_PID" ]] && kill -TERM "$MOCK_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 20000))
    [[ -z "$(ss -Htln "sport = :$p")" ]] && { echo "$p"; return 0; }
  done
  return 1
}
wait_up() { # url pid
  for _ in $(seq 360); do
    kill -0 "$2" 2>/dev/null || return 1
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" == 200 ]] && return 0
    sleep 0.25
  done
  return 1
}

MOCK_PORT="$(free_port)"; AX_PORT="$(free_port)"
AX_URL="http://127.0.0.1:$AX_PORT"
AUTH="Basic $(printf 'bench:' | base64)"
printf '{"query":"What is the weather today?","request_type":"chat","client_id":"bench","user_token":"u"}' >"$WORK/gov.json"
dotnet "$BIN/mock/axonflow-mock-provider.dll" "$MOCK_PORT" >/dev/null 2>&1 &
MOCK_PID=$!
export OPENAI_API_KEY=bench-key OPENAI_ENDPOINT="http://127.0.0.1:$MOCK_PORT" AXONFLOW_CLIENT_RATE_LIMIT_PER_MINUTE=0

log "creating the cluster (embedded serve, then stopped)"
"$ROOT/axonflow" serve --urls "$AX_URL" --data-dir "$HOME_DIR" >"$WORK/init.log" 2>&1 &
AX_PID=$!
wait_up "$AX_URL/health/live" "$AX_PID" || { tail -n 20 "$WORK/init.log" >&2; exit 1; }
stop_ax
# connection.env: URL-form DSNs postgres://user:password@127.0.0.1:port/db?sslmode=disable
dsn_field() { sed -n "s|^$1=postgres://\([^:]*\):\([^@]*\)@127.0.0.1:\([0-9]*\)/\([^?]*\).*|\\$2|p" "$HOME_DIR/connection.env"; }
PG_PORT="$(dsn_field DATABASE_URL 3)"
kv_dsn() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=$(dsn_field "$1" 4);Username=$(dsn_field "$1" 1);Password=$(dsn_field "$1" 2);SSL Mode=Disable"; }
OWNER_DSN="$(kv_dsn DATABASE_URL)"; APP_DSN="$(kv_dsn AXONFLOW_DB_APP_ROLE_URL)"; ADMIN_DSN="$(kv_dsn AXONFLOW_DB_PLATFORM_ADMIN_URL)"
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$HOME_DIR/pg/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='$HOME_DIR/pg/run' -c max_connections=200" start >/dev/null

declare -A OPTS=(
  [baseline]=""
  [autoprepare]=";Max Auto Prepare=32;Auto Prepare Min Usages=2"
)
for round in $(seq "$ROUNDS"); do
  for variant in baseline autoprepare; do
    DATABASE_URL="$OWNER_DSN" AXONFLOW_DB_APP_ROLE_URL="$APP_DSN${OPTS[$variant]}" AXONFLOW_DB_PLATFORM_ADMIN_URL="$ADMIN_DSN" \
      "$ROOT/axonflow" serve --urls "$AX_URL" --data-dir "$HOME_DIR" >"$WORK/serve-$variant.log" 2>&1 &
    AX_PID=$!
    wait_up "$AX_URL/health/live" "$AX_PID" || { tail -n 20 "$WORK/serve-$variant.log" >&2; exit 1; }
    BENCH_BODY_FILE="$WORK/gov.json" BENCH_AUTH="$AUTH" timeout 60 wrk -t2 -c64 -d10s -s "$ROOT/bench/load/post.lua" "$AX_URL/api/request" >/dev/null
    c1="$(BENCH_BODY_FILE="$WORK/gov.json" BENCH_AUTH="$AUTH" timeout 60 wrk -t1 -c1 -d"${SECS}s" -s "$ROOT/bench/load/post.lua" "$AX_URL/api/request" | grep '^RESULT')"
    c64="$(BENCH_BODY_FILE="$WORK/gov.json" BENCH_AUTH="$AUTH" timeout 60 wrk -t2 -c64 -d"${SECS}s" -s "$ROOT/bench/load/post.lua" "$AX_URL/api/request" | grep '^RESULT')"
    rps="$(awk -v r="$c64" 'BEGIN {split(r, f, " "); for (i in f) {split(f[i], kv, "="); v[kv[1]] = kv[2]} printf "%.0f", v["requests"] / (v["duration_us"] / 1e6)}')"
    p50="$(sed -n 's/.* p50_us=\([0-9]*\).*/\1/p' <<<"$c1")"; p99="$(sed -n 's/.* p99_us=\([0-9]*\).*/\1/p' <<<"$c1")"
    errs="$(sed -n 's/.* err_status=\([0-9]*\).*/\1/p' <<<"$c64")"
    echo "round $round $variant: c=1 p50 ${p50}us p99 ${p99}us; c=64 $rps req/s (non-2xx $errs); load $(cut -d ' ' -f 1 /proc/loadavg)"
    stop_ax
  done
done
