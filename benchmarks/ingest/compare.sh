#!/usr/bin/env bash
# The Java receiver's signed ingestion against the seeds' FastAPI service, side by side, with wrk:
# distinct ~3 KB reports (report.json with a sequence number, each with its own X-Signature, see
# signatures.py), SQLite WAL with synchronous=FULL on both, 8 and 64 connections, 10 s each after a
# 3 s warm-up; receiver then FastAPI, twice. Prints a Markdown table and how many reports each
# service stored. Build first: mvn -B -q -DskipTests install. Needs wrk, python3-fastapi,
# python3-uvicorn (Debian). PG_URL=jdbc:postgresql://... adds the receiver on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."
RECEIVER_JAR=${RECEIVER_JAR:-jahiz-receiver/target/jahiz-receiver.jar}
DURATION=${DURATION:-10s}
SIGNATURES=${SIGNATURES:-200000}
export WEBHOOK_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export JAHIZ_READ_TOKEN=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
work=$(mktemp -d)
export SIGNED=$work/signed
mkdir -p "$SIGNED"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not up: $1" >&2; exit 1; }

run_wrk() { # url connections duration
  /usr/bin/python3 benchmarks/ingest/signatures.py "$SIGNED" "$SIGNATURES"
  wrk -t2 -c"$2" -d"$3" --latency -s benchmarks/ingest/signed-post.lua "$1"
}

load() { # name url connections
  run_wrk "$2" "$3" 3s > /dev/null # warm-up
  local out
  out=$(run_wrk "$2" "$3" "$DURATION")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" \
    "$(awk '$1=="50%" {print $2}' <<< "$out")" "$(awk '$1=="99%" {print $2}' <<< "$out")" \
    "$(awk '/Non-2xx/ {print $5}' <<< "$out" | grep . || echo 0)"
}

receiver() { # name, then env
  local name=$1; shift
  env -u JAHIZ_DB_URL "$@" JAHIZ_PORT=8765 JAHIZ_MAX_REQUESTS_PER_ADDRESS=10000 JAHIZ_DB_SYNCHRONOUS=FULL \
    java -jar "$RECEIVER_JAR" > "$work/receiver.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_up http://127.0.0.1:8765/health/ready || { cat "$work/receiver.log" >&2; exit 1; }
  for c in 8 64; do load "$name" http://127.0.0.1:8765/webhook/error "$c"; done
  echo "  $name stored: $(curl -s -H "Authorization: Bearer $JAHIZ_READ_TOKEN" http://127.0.0.1:8765/stats \
    | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin).get("total_reports"))')"
  kill -TERM "$pid"; wait "$pid" || true
}

seed() {
  local db=$work/seed-$RANDOM.db
  SEED_DB=$db /usr/bin/python3 -m uvicorn --app-dir benchmarks/ingest seed_service:app --port 8766 --workers 1 \
    --log-level warning > "$work/seed.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_up http://127.0.0.1:8766/docs
  for c in 8 64; do load "FastAPI seed service" http://127.0.0.1:8766/webhook/error "$c"; done
  kill -TERM "$pid"; wait "$pid" || true
  echo "  FastAPI seed service stored: $(/usr/bin/python3 -c "import sqlite3; print(sqlite3.connect('$db').execute('select count(*) from reports').fetchone()[0])")"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo '| service | connections | requests/s | p50 | p99 | non-2xx |'
echo '|---|---:|---:|---:|---:|---:|'
for round in 1 2; do
  receiver "Jahiz receiver, SQLite" JAHIZ_DB_PATH="$work/r-$round.db"
  if [ -n "${PG_URL:-}" ]; then receiver "Jahiz receiver, PostgreSQL" JAHIZ_DB_URL="$PG_URL"; fi
  seed
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
