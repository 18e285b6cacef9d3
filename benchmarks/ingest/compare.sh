#!/usr/bin/env bash
# The Java receiver's signed ingestion against the seeds' FastAPI service, side by side, with wrk:
# distinct ~3 KB reports (report.json with a sequence number, each with its own X-Signature, see
# signatures.py), SQLite WAL with synchronous=FULL on both, 8 and 64 connections, `wrk -t2 -d10s`
# each after a warm-up at the same connection count; receiver then FastAPI, twice. Prints a Markdown
# table (with the CPU time each service spent per request, read from /proc) and how many reports
# each service stored during its rows.
#
# Prerequisites (Debian):
#   apt-get install -y wrk python3-fastapi python3-uvicorn curl    # FastAPI/uvicorn for /usr/bin/python3
#   a JDK 17+ as `java` (or JAVA=/path/to/bin/java)
#   mvn -B -q -DskipTests -pl jahiz-receiver -am install           # jahiz-receiver/target/jahiz-receiver.jar
# Optional: PG_URL=jdbc:postgresql://127.0.0.1:5432/<db>?user=postgres adds the receiver on PostgreSQL
#   (an empty database it may migrate: psql -h 127.0.0.1 -U postgres -c 'create database bench').
# Settings: DURATION (10s), WARMUP (30s: the JVM's JIT compiles the receiver's hot path in its first
#   ~30 s under load, using a third of the CPU meanwhile; FastAPI gets the same warm-up), CONNECTIONS ("8 64"), ROUNDS (2), RECEIVER_PORT (8765),
#   SEED_PORT (8766), RECEIVER_JAR, JAVA, JAVA_OPTS. Both services and wrk share the machine's cores:
#   run it on an otherwise quiet machine (the load average is printed before and after).
set -euo pipefail
cd "$(dirname "$0")/../.."
RECEIVER_JAR=${RECEIVER_JAR:-jahiz-receiver/target/jahiz-receiver.jar}
JAVA=${JAVA:-java}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-8 64}
ROUNDS=${ROUNDS:-2}
RECEIVER_PORT=${RECEIVER_PORT:-8765}
SEED_PORT=${SEED_PORT:-8766}
SIGNATURES=${SIGNATURES:-400000}
for tool in wrk curl "$JAVA"; do
  command -v "$tool" > /dev/null || { echo "needs $tool (see the header of $0)" >&2; exit 1; }
done
/usr/bin/python3 -c 'import fastapi, uvicorn' 2> /dev/null \
  || { echo "needs Debian's python3-fastapi and python3-uvicorn (see the header of $0)" >&2; exit 1; }
[ -f "$RECEIVER_JAR" ] || { echo "no $RECEIVER_JAR: mvn -B -q -DskipTests -pl jahiz-receiver -am install" >&2; exit 1; }
for port in "$RECEIVER_PORT" "$SEED_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is already taken: set RECEIVER_PORT / SEED_PORT" >&2; exit 1
  fi
done
export WEBHOOK_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export JAHIZ_READ_TOKEN=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
work=$(mktemp -d)
export SIGNED=$work/signed
mkdir -p "$SIGNED"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not up: $1" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_wrk() { # url connections duration
  /usr/bin/python3 benchmarks/ingest/signatures.py "$SIGNED" "$SIGNATURES"
  wrk -t2 -c"$2" -d"$3" --latency -s benchmarks/ingest/signed-post.lua "$1"
}

load() { # name url connections pid
  run_wrk "$2" "$3" "$WARMUP" > /dev/null
  /usr/bin/python3 benchmarks/ingest/signatures.py "$SIGNED" "$SIGNATURES"
  local out before after requests
  before=$(cpu_ticks "$4")
  out=$(wrk -t2 -c"$3" -d"$DURATION" --latency -s benchmarks/ingest/signed-post.lua "$2")
  after=$(cpu_ticks "$4")
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" \
    "$(awk '$1=="50%" {print $2}' <<< "$out")" "$(awk '$1=="99%" {print $2}' <<< "$out")" \
    "$(awk '/Non-2xx/ {print $5}' <<< "$out" | grep . || echo 0)" \
    "$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

stored() { curl -s -H "Authorization: Bearer $JAHIZ_READ_TOKEN" "http://127.0.0.1:$RECEIVER_PORT/stats" \
  | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin).get("total_reports"))'; }

receiver() { # name, then env
  local name=$1; shift
  env -u JAHIZ_DB_URL "$@" JAHIZ_PORT="$RECEIVER_PORT" JAHIZ_MAX_REQUESTS_PER_ADDRESS=10000 JAHIZ_DB_SYNCHRONOUS=FULL \
    "$JAVA" ${JAVA_OPTS:-} -jar "$RECEIVER_JAR" > "$work/receiver.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_up "http://127.0.0.1:$RECEIVER_PORT/health/ready" || { cat "$work/receiver.log" >&2; exit 1; }
  local first
  first=$(stored)
  for c in $CONNECTIONS; do load "$name" "http://127.0.0.1:$RECEIVER_PORT/webhook/error" "$c" "$pid"; done
  echo "  $name stored: $(( $(stored) - first )) reports (its warm-ups included)"
  kill -TERM "$pid"; wait "$pid" || true
}

seed() {
  local db=$work/seed-$RANDOM.db
  SEED_DB=$db /usr/bin/python3 -m uvicorn --app-dir benchmarks/ingest seed_service:app --port "$SEED_PORT" \
    --workers 1 --log-level warning > "$work/seed.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_up "http://127.0.0.1:$SEED_PORT/docs"
  for c in $CONNECTIONS; do load "FastAPI seed service" "http://127.0.0.1:$SEED_PORT/webhook/error" "$c" "$pid"; done
  kill -TERM "$pid"; wait "$pid" || true
  echo "  FastAPI seed service stored: $(/usr/bin/python3 -c "import sqlite3; print(sqlite3.connect('$db').execute('select count(*) from reports').fetchone()[0])") reports (its warm-ups included)"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $(nproc) cores"
echo '| service | connections | requests/s | p50 | p99 | non-2xx | CPU µs/request | load |'
echo '|---|---:|---:|---:|---:|---:|---:|---:|'
for round in $(seq 1 "$ROUNDS"); do
  receiver "Jahiz receiver, SQLite" JAHIZ_DB_PATH="$work/r-$round.db"
  if [ -n "${PG_URL:-}" ]; then receiver "Jahiz receiver, PostgreSQL" JAHIZ_DB_URL="$PG_URL"; fi
  seed
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
