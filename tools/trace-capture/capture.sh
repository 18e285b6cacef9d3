#!/usr/bin/env bash
# Captures the trace fixtures of jahiz-core from real runs of this app (see README.md).
# Usage: tools/trace-capture/capture.sh [out-dir]   (default: target/captured)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${1:-target/captured}
JDK17=${JDK17:-java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PORT=${PORT:-18080}
[ -f target/trace-capture.jar ] || mvn -B -q package

run() {  # run <java> <label> <web-type> <requests...>
  local java=$1 label=$2 type=$3; shift 3
  local dir="$OUT/$label"
  mkdir -p "$dir"
  PORT=$PORT "$java" -Dcapture.dir="$dir" -jar target/trace-capture.jar \
      --spring.main.web-application-type="$type" > "$dir.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/actuator-none" && break
    sleep 0.5
  done
  for request in "$@"; do
    curl -s -o /dev/null "http://127.0.0.1:$PORT$request" || true
  done
  sleep 3   # async work (the scheduled task, @Async, the CompletableFuture) logs on its own threads
  kill "$pid"; wait "$pid" || true
}

servlet_requests() {
  for _ in $(seq 1 20); do echo "/oups?scenario=tomcat-crash"; done
  for s in 1 2; do
    echo "/owners/1/invoice?scenario=cglib-proxy"
    echo "/owners/new?scenario=jdk-proxy"
    echo "/owners/1/pets?scenario=lazy-collection"
    echo "/pets/1/name?scenario=hibernate-proxy"
    echo "/owners/1/notify"
    echo "/owners/1/prices"
  done
}

run "$JDK17" jdk17-servlet servlet $(servlet_requests)
run "$JDK25" jdk25-servlet servlet $(servlet_requests)
run "$JDK17" jdk17-reactive reactive /visits/7 /visits/8
run "$JDK25" jdk25-reactive reactive /visits/7 /visits/8
ls -R "$OUT"
