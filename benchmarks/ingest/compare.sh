#!/usr/bin/env bash
# The Java receiver's signed ingestion against the seeds' FastAPI service, side by side, with wrk:
# distinct ~3 KB reports (report.json with a sequence number, each with its own X-Signature, see
# signatures.py), SQLite WAL with synchronous=FULL on both, 8 and 64 connections, `wrk -t2`.
#
# All services run at once and take turns: after a warm-up of each at each connection count, every
# round loads each service for DURATION in turn (the order reversed every other round), so the
# services are compared on the same machine minutes apart at most. On a shared 2-core VM the same
# work measured from one run to the next varies by 10-40 % (wrk's own CPU per request does too):
# one service measured minutes after the other gave ratios from 2.4x to 5.5x on one afternoon.
# Before each slice the other services must be quiet (a receiver's delivery worker may still be
# marking a storm's digest delivered); the CPU they used during the slice is printed beside it.
# Prints every slice, then per service and connection count the median of its slices and the
# median of the per-round ratios to FastAPI, with the CPU time each service spent per request
# (from /proc), and how many reports each service stored.
#
# Prerequisites (Debian):
#   apt-get install -y wrk python3-fastapi python3-uvicorn curl    # FastAPI/uvicorn for /usr/bin/python3
#   a JDK 17+ as `java` (or JAVA=/path/to/bin/java)
#   mvn -B -q -DskipTests -pl jahiz-receiver -am install           # jahiz-receiver/target/jahiz-receiver.jar
# Optional:
#   PG_URL=jdbc:postgresql://127.0.0.1:5432/<db>?user=postgres adds the receiver on PostgreSQL (an
#     empty database it may migrate: psql -h 127.0.0.1 -U postgres -c 'create database bench').
#   OTHER_JAR=path/to/jahiz-receiver.jar adds a second receiver build on SQLite (OTHER_JAVA for its JDK),
#     for an A/B of two builds under the same conditions.
#   FLOOR=1 adds Floor.java: the least any durable, signed, replay-safe ingestion does on the receiver's
#     stack (HMAC, a SHA-256 key, one row with synchronous=FULL, group commit; no parsing, no indexes).
# Settings: DURATION (10s), WARMUP (30s: the JVM's JIT compiles the receiver's hot path in its first
#   ~30 s under load; every service gets the same warm-up), CONNECTIONS ("8 64"), ROUNDS (3),
#   BASE_PORT (8765: services on BASE_PORT, +1, ...), RECEIVER_JAR, JAVA, JAVA_OPTS. Services and wrk
#   share the machine's cores: run it on an otherwise quiet machine (the load average is printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
RECEIVER_JAR=${RECEIVER_JAR:-jahiz-receiver/target/jahiz-receiver.jar}
JAVA=${JAVA:-java}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-8 64}
ROUNDS=${ROUNDS:-3}
BASE_PORT=${BASE_PORT:-8765}
SIGNATURES=${SIGNATURES:-400000}
for tool in wrk curl "$JAVA"; do
  command -v "$tool" > /dev/null || { echo "needs $tool (see the header of $0)" >&2; exit 1; }
done
/usr/bin/python3 -c 'import fastapi, uvicorn' 2> /dev/null \
  || { echo "needs Debian's python3-fastapi and python3-uvicorn (see the header of $0)" >&2; exit 1; }
for jar in "$RECEIVER_JAR" ${OTHER_JAR:-}; do
  [ -f "$jar" ] || { echo "no $jar: mvn -B -q -DskipTests -pl jahiz-receiver -am install" >&2; exit 1; }
done
export WEBHOOK_SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
export JAHIZ_READ_TOKEN=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
work=$(mktemp -d)
export SIGNED=$work/signed
mkdir -p "$SIGNED"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

names=() urls=() procs=() kinds=()
next_port=$BASE_PORT

wait_up() { for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "not up: $1" >&2; exit 1; }

free_port() {
  while curl -s -o /dev/null "http://127.0.0.1:$next_port/"; do next_port=$((next_port + 1)); done
  port=$next_port
  next_port=$((next_port + 1))
}

start_receiver() { # name java jar, then env
  local name=$1 java=$2 jar=$3
  shift 3
  free_port
  env -u JAHIZ_DB_URL "$@" JAHIZ_PORT="$port" JAHIZ_MAX_REQUESTS_PER_ADDRESS=10000 JAHIZ_DB_SYNCHRONOUS=FULL \
    "$java" ${JAVA_OPTS:-} -jar "$jar" > "$work/receiver-$port.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_up "http://127.0.0.1:$port/health/ready" || { cat "$work/receiver-$port.log" >&2; exit 1; }
  names+=("$name") urls+=("http://127.0.0.1:$port") procs+=("$pid") kinds+=(receiver)
}

start_seed() {
  local port
  free_port
  SEED_DB=$work/seed.db /usr/bin/python3 -m uvicorn --app-dir benchmarks/ingest seed_service:app --port "$port" \
    --workers 1 --log-level warning > "$work/seed.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_up "http://127.0.0.1:$port/docs"
  names+=("FastAPI seed service") urls+=("http://127.0.0.1:$port") procs+=("$pid") kinds+=(seed)
}

start_floor() {
  local port
  free_port
  "$JAVA" -cp "$RECEIVER_JAR" benchmarks/ingest/Floor.java "$port" "$work/floor.db" > "$work/floor.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_up "http://127.0.0.1:$port/count"
  names+=("Floor (HMAC + one row, no parsing)") urls+=("http://127.0.0.1:$port") procs+=("$pid") kinds+=(floor)
}

stored() { # index
  if [ "${kinds[$1]}" = floor ]; then
    curl -s "${urls[$1]}/count"; echo
  elif [ "${kinds[$1]}" = seed ]; then
    /usr/bin/python3 -c "import sqlite3; print(sqlite3.connect('$work/seed.db').execute('select count(*) from reports').fetchone()[0])"
  else
    curl -s -H "Authorization: Bearer $JAHIZ_READ_TOKEN" "${urls[$1]}/stats" \
      | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin).get("total_reports"))'
  fi
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

new_signatures() { /usr/bin/python3 benchmarks/ingest/signatures.py "$SIGNED" "$SIGNATURES"; }

others_ticks() { # index: CPU ticks of every service but this one
  local total=0 i
  for i in $(seq 0 $((count - 1))); do
    if [ "$i" != "$1" ]; then total=$((total + $(cpu_ticks "${procs[$i]}"))); fi
  done
  echo "$total"
}

quiet_others() { # index: waits (up to 30 s) until the other services use under 5 % of a core, e.g.
  # after a receiver's delivery worker marked a storm's digest delivered
  local before
  for _ in $(seq 1 30); do
    before=$(others_ticks "$1")
    sleep 1
    if [ $(( $(others_ticks "$1") - before )) -lt $(( $(getconf CLK_TCK) / 20 + 1 )) ]; then return 0; fi
  done
}

slice() { # round index connections: one wrk run against one service, one line in $work/slices
  local out before after requests others
  quiet_others "$2"
  others=$(others_ticks "$2")
  before=$(cpu_ticks "${procs[$2]}")
  out=$(wrk -t2 -c"$3" -d"$DURATION" --latency -s benchmarks/ingest/signed-post.lua "${urls[$2]}/webhook/error")
  after=$(cpu_ticks "${procs[$2]}")
  others=$(( ($(others_ticks "$2") - others) * 1000 / $(getconf CLK_TCK) ))
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "${names[$2]}" "$3" \
    "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" \
    "$(awk '$1=="50%" {print $2}' <<< "$out")" "$(awk '$1=="99%" {print $2}' <<< "$out")" \
    "$(awk '/Non-2xx/ {print $5}' <<< "$out" | grep . || echo 0)" \
    "$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$others" | tee -a "$work/slices"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1); $(nproc) cores"
start_receiver "Jahiz receiver, SQLite" "$JAVA" "$RECEIVER_JAR" JAHIZ_DB_PATH="$work/r.db"
if [ -n "${OTHER_JAR:-}" ]; then
  start_receiver "Jahiz receiver (other build), SQLite" "${OTHER_JAVA:-$JAVA}" "$OTHER_JAR" JAHIZ_DB_PATH="$work/o.db"
fi
if [ -n "${PG_URL:-}" ]; then start_receiver "Jahiz receiver, PostgreSQL" "$JAVA" "$RECEIVER_JAR" JAHIZ_DB_URL="$PG_URL"; fi
if [ -n "${FLOOR:-}" ]; then start_floor; fi
start_seed
count=${#names[@]}
declare -a first
for i in $(seq 0 $((count - 1))); do first[$i]=$(stored "$i"); done

echo "warming up: $WARMUP per service and connection count"
for c in $CONNECTIONS; do
  new_signatures
  for i in $(seq 0 $((count - 1))); do
    wrk -t2 -c"$c" -d"$WARMUP" -s benchmarks/ingest/signed-post.lua "${urls[$i]}/webhook/error" > /dev/null
  done
done

printf 'round\tservice\tconnections\trequests/s\tp50\tp99\tnon-2xx\tCPU µs/request\tload\tother services CPU ms\n'
for round in $(seq 1 "$ROUNDS"); do
  order=$(seq 0 $((count - 1)))
  if [ $((round % 2)) -eq 0 ]; then order=$(seq $((count - 1)) -1 0); fi
  for c in $CONNECTIONS; do
    new_signatures # each service sees each set of signatures once: nothing is a replay
    for i in $order; do slice "$round" "$i" "$c"; done
  done
done

echo
/usr/bin/python3 - "$work/slices" <<'EOF'
import collections, statistics, sys
def ms(v):
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit):
            return float(v[:-len(unit)]) * f
    return float(v)
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
by = collections.defaultdict(list)
for r in rows:
    by[(r[1], int(r[2]))].append(r)
seed = "FastAPI seed service"
ratio = collections.defaultdict(list)
for r in rows:
    for s in rows:
        if s[0] == r[0] and s[2] == r[2] and s[1] == seed and r[1] != seed:
            ratio[(r[1], int(r[2]))].append(float(r[3]) / float(s[3]))
print("| service | connections | requests/s (median of slices) | slices | p50 | p99 | non-2xx | CPU µs/request | × FastAPI (median of rounds) |")
print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
for (name, c), rs in sorted(by.items(), key=lambda kv: (kv[0][1], kv[0][0] == seed, kv[0][0])):
    rps = [float(r[3]) for r in rs]
    x = ratio.get((name, c))
    print(f"| {name} | {c} | {statistics.median(rps):,.0f} | {' / '.join(f'{v:,.0f}' for v in rps)} "
          f"| {statistics.median(ms(r[4]) for r in rs):.2f} ms | {statistics.median(ms(r[5]) for r in rs):.2f} ms "
          f"| {sum(int(r[6]) for r in rs)} | {round(statistics.median(int(r[7]) for r in rs))} "
          f"| {'%.2f×' % statistics.median(x) if x else ''} |")
EOF
for i in $(seq 0 $((count - 1))); do
  echo "  ${names[$i]} stored: $(( $(stored "$i") - ${first[$i]} )) reports (warm-ups included)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
