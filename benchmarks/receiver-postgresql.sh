#!/usr/bin/env bash
# The receiver storing new reports on SQLite (synchronous=FULL) and on PostgreSQL, side by side:
# ReceiverLoad sends each request as a new report (its own event_id, timestamped HMAC, ~4 KB), from
# 8 and then 64 clients, 10,000 requests after 1,000 warm-up, receiver in console mode. Load
# generator, receiver and PostgreSQL share the machine's cores.
# Build first: mvn -B -q -DskipTests install. PostgreSQL: BENCH_PG_URL (psql) and BENCH_PG_JDBC_URL
# (the receiver) name a database the run may create a schema in (default: local, user postgres, db test).
set -euo pipefail
cd "$(dirname "$0")/.."
RECEIVER_JAR=${RECEIVER_JAR:-jahiz-receiver/target/jahiz-receiver.jar}
PG_URL=${BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}
PG_JDBC=${BENCH_PG_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
PORT=${PORT:-8785}
export WEBHOOK_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
schema=jahiz_bench_$$
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; psql -q "$PG_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1; rm -rf "$work"' EXIT

run() { # name, then the receiver's database settings
  local name=$1; shift
  env "$@" JAHIZ_PORT=$PORT JAHIZ_HOST=127.0.0.1 JAHIZ_MAX_REQUESTS_PER_ADDRESS=10000 JAHIZ_DB_SYNCHRONOUS=FULL \
    java -jar "$RECEIVER_JAR" > "$work/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health/ready" && break; sleep 0.2; done
  for c in 8 64; do
    echo "$name, $c clients, load $(cut -d' ' -f1 /proc/loadavg): $(java -cp benchmarks/target/benchmarks.jar \
      dev.jahiz.bench.ReceiverLoad --url "http://127.0.0.1:$PORT" --requests 10000 --warmup 1000 --concurrency "$c" \
      --seconds 120 | tail -1)"
  done
  kill -TERM $pid; wait $pid || true
}

psql -q "$PG_URL" -c "CREATE SCHEMA $schema"
echo "uptime before: $(uptime)"
run "SQLite" JAHIZ_DB_PATH="$work/jahiz.db"
run "PostgreSQL" JAHIZ_DB_URL="$PG_JDBC&currentSchema=$schema"
echo "uptime after: $(uptime)"
