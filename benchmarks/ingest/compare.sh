#!/usr/bin/env bash
# The Java receiver's signed ingestion against the seeds' FastAPI service, side by side, with wrk:
# the same ~3 KB report (benchmarks/ingest/report.json), the same X-Signature, SQLite WAL with
# synchronous=FULL on both, 8 and 64 connections, 10 s each, receiver first then FastAPI, twice.
# Build first: mvn -B -q -DskipTests install. Needs wrk, python3-fastapi, python3-uvicorn (Debian).
# JAHIZ_DB_URL=jdbc:postgresql://... adds a run of the receiver on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."
RECEIVER_JAR=${RECEIVER_JAR:-jahiz-receiver/target/jahiz-receiver.jar}
DURATION=${DURATION:-10s}
export WEBHOOK_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export SIGNATURE="sha256=$(openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" < benchmarks/ingest/report.json | sed 's/^.* //')"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not up: $1" >&2; exit 1; }

load() { # name url connections
  local out
  out=$(wrk -t2 -c"$3" -d"$DURATION" --latency -s benchmarks/ingest/signed-post.lua "$2")
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1=="50%" {print $2}' <<< "$out")
  p99=$(awk '$1=="99%" {print $2}' <<< "$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<< "$out")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

receiver() { # name, then env
  local name=$1; shift
  env "$@" JAHIZ_PORT=8765 JAHIZ_MAX_REQUESTS_PER_ADDRESS=10000 JAHIZ_DB_SYNCHRONOUS=FULL \
    java -jar "$RECEIVER_JAR" > "$work/$name.log" 2>&1 &
  local pid=$!
  wait_up http://127.0.0.1:8765/health/ready
  for c in 8 64; do
    wrk -t2 -c"$c" -d3s -s benchmarks/ingest/signed-post.lua http://127.0.0.1:8765/webhook/error > /dev/null # warm-up
    load "$name" http://127.0.0.1:8765/webhook/error "$c"
  done
  kill -TERM $pid; wait $pid || true
}

seed() {
  (cd "$work" && SEED_DB="$work/seed-$RANDOM.db" /usr/bin/python3 -m uvicorn --app-dir "$OLDPWD/benchmarks/ingest" \
    seed_service:app --port 8766 --workers 1 --log-level warning > "$work/seed.log" 2>&1) &
  wait_up http://127.0.0.1:8766/docs
  for c in 8 64; do
    wrk -t2 -c"$c" -d3s -s benchmarks/ingest/signed-post.lua http://127.0.0.1:8766/webhook/error > /dev/null
    load "FastAPI seed service" http://127.0.0.1:8766/webhook/error "$c"
  done
  kill $(jobs -p) 2>/dev/null || true
  wait || true
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo '| service | connections | requests/s | p50 | p99 | non-2xx |'
echo '|---|---:|---:|---:|---:|---:|'
for round in 1 2; do
  receiver "Jahiz receiver, SQLite" JAHIZ_DB_PATH="$work/r-$round.db"
  if [ -n "${JAHIZ_DB_URL:-}" ]; then receiver "Jahiz receiver, PostgreSQL" JAHIZ_DB_URL="$JAHIZ_DB_URL"; fi
  seed
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
