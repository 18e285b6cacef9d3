#!/usr/bin/env bash
# Every measurement in docs/BENCHMARKS.md, in one go (about 25 minutes on 2 cores), into
# benchmarks/results/. Build first: mvn -B -q -DskipTests install (or -pl benchmarks -am package).
# Before each run it waits (up to 10 min, polling every 30 s) for the 1-minute load average to drop
# below 0.8 and records the load it started at.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-benchmarks/target/benchmarks.jar}
OUT=benchmarks/results
mkdir -p "$OUT"
JMH=(-f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc)

quiet() {
  for _ in $(seq 1 20); do
    awk '{exit !($1 < 0.8)}' /proc/loadavg && break
    sleep 30
  done
  echo "$(date -u +%FT%TZ) $1: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
}

only() { [[ -z "${ONLY:-}" || "$1" == *"$ONLY"* ]]; }

for t in 1 2; do
  if only "logback-t$t"; then
    quiet "logback-t$t"
    java -jar $JAR 'LogbackError' "${JMH[@]}" -t $t -rf json -rff "$OUT/logback-t$t.json" | tee "$OUT/logback-t$t.txt"
  fi
done
if only "log4j2"; then
  for t in 1 2; do
    quiet "log4j2-t$t"
    java -jar $JAR 'Log4j2Error' "${JMH[@]}" -t $t -rf json -rff "$OUT/log4j2-t$t.json" | tee "$OUT/log4j2-t$t.txt"
  done
fi

# jahiz-agent's caller-thread cost against the floor and the appender; the agent's fork runs
# jahiz-agent/target/jahiz-agent.jar (build it first: mvn -pl jahiz-agent -am package -DskipTests).
if only "agent"; then
  quiet "agent"
  java -jar $JAR 'AgentLogbackError' "${JMH[@]}" -t 1 -rf json -rff "$OUT/agent.json" | tee "$OUT/agent.txt"
fi

if only "pieces"; then
  quiet "pieces"
  java -jar $JAR 'JahizPieces' "${JMH[@]}" -rf json -rff "$OUT/pieces.json" | tee "$OUT/pieces.txt"
fi

storm() {
  local name=$1; shift
  quiet "storm-$name"
  java -Xmx1g -cp $JAR dev.jahiz.bench.Storm "$@" 2>&1 | tee "$OUT/storm-$name.txt"
}
if only "storm"; then
  storm jahiz-hang --appender jahiz-telegram --mode hang
  storm jahiz-429 --appender jahiz-telegram --mode 429
  storm floor-hang --appender floor --mode hang
  storm jahiz-hang-fresh --appender jahiz-telegram --mode hang --fresh true
  storm floor-hang-fresh --appender floor --mode hang --fresh true
  storm jahiz-hang-noheap --appender jahiz-telegram --mode hang --heap false
  storm floor-hang-noheap --appender floor --mode hang --heap false
  storm sentry-hang --appender sentry --mode hang
fi

# The receiver: signed ingestion under a load generator, and the appender's receiver transport end to
# end, against the shaded receiver jar in console mode, once per SQLite durability setting.
RECEIVER_JAR=${RECEIVER_JAR:-jahiz-receiver/target/jahiz-receiver.jar}
if only "receiver"; then
  export WEBHOOK_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  export JAHIZ_READ_TOKEN=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')   # EndToEnd reads /stats with it
  db=$(mktemp -d)
  for sync in FULL NORMAL; do
    JAHIZ_PORT=8765 JAHIZ_DB_PATH="$db/$sync.db" JAHIZ_DB_SYNCHRONOUS=$sync \
      java -jar "$RECEIVER_JAR" > "$OUT/receiver-$sync.log" 2>&1 &
    pid=$!
    until curl -sf http://127.0.0.1:8765/health/ready > /dev/null; do sleep 0.2; done
    quiet "receiver-$sync"
    {
      echo "## SQLite synchronous=$sync"
      java -cp $JAR dev.jahiz.bench.ReceiverLoad --url http://127.0.0.1:8765 --concurrency 1 --requests 3000 --warmup 1000
      java -cp $JAR dev.jahiz.bench.ReceiverLoad --url http://127.0.0.1:8765 --concurrency 8 --requests 10000 --warmup 1000
      java -cp $JAR dev.jahiz.bench.EndToEnd --url http://127.0.0.1:8765 --mode distinct --events 2000
      java -cp $JAR dev.jahiz.bench.EndToEnd --url http://127.0.0.1:8765 --mode storm --events 1000000
    } 2>&1 | tee "$OUT/receiver-$sync.txt"
    kill -TERM $pid; wait $pid || true
  done
  rm -rf "$db"
fi

# Webhook monitoring on vs off: the same ReceiverLoad command against FULL receivers started with
# WEBHOOK_MONITORING_ENABLED=true/false, interleaved (on,off / off,on / on,off) so drifting load on a
# shared machine falls on both; besides requests/s, the receiver's CPU time per request (11,000
# requests with the warm-up, utime+stime from /proc).
if only "monitoring"; then
  export WEBHOOK_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  tck=$(getconf CLK_TCK)
  cpu_ms() { awk -v t="$tck" '{print ($14+$15)*1000/t}' "/proc/$1/stat"; }
  quiet "monitoring"
  for order in "on off" "off on" "on off"; do
    for mode in $order; do
      db=$(mktemp -d)
      enabled=true; [ "$mode" = off ] && enabled=false
      JAHIZ_PORT=8765 JAHIZ_DB_PATH="$db/r.db" WEBHOOK_MONITORING_ENABLED=$enabled \
        java -jar "$RECEIVER_JAR" > "$OUT/receiver-monitoring-$mode.log" 2>&1 &
      pid=$!
      until curl -sf http://127.0.0.1:8765/health/ready > /dev/null; do sleep 0.2; done
      sleep 2
      before=$(cpu_ms $pid)
      load=$(cut -d' ' -f1 /proc/loadavg)
      line=$(java -cp $JAR dev.jahiz.bench.ReceiverLoad --url http://127.0.0.1:8765 --concurrency 8 \
        --requests 10000 --warmup 1000 | grep completed)
      after=$(cpu_ms $pid)
      echo "monitoring=$mode load=$load receiver_cpu_ms_per_request=$(awk -v a="$after" -v b="$before" \
        'BEGIN{printf "%.3f", (a-b)/11000}') $line" | tee -a "$OUT/receiver-monitoring.txt"
      kill -TERM $pid; wait $pid || true
      rm -rf "$db"
    done
  done
fi
