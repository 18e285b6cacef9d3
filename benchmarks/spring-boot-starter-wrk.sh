#!/usr/bin/env bash
# A trivial endpoint (GET / of samples/spring-boot-sample, a small JSON map) under wrk, with the
# Jahiz Spring Boot starter on (appender installed on Boot's Logback, client threads running) and off
# (JAHIZ_ENABLED=false: no appender, nothing of the starter), alternately, ROUNDS times.
# MODES="off on no-destination" adds the starter with no destination: no appender and no client
# threads, only what the starter adds to the app's context. (Before the starter read the request
# only for reported errors, that mode isolated its per-request filter and interceptor.)
# Needs wrk (apt-get install wrk) and the sample jar (mvn -pl samples/spring-boot-sample -am package -DskipTests).
# Nothing is reported (no request fails), so this is the cost every successful request pays.
set -u
cd "$(dirname "$0")/.."
jar=samples/spring-boot-sample/target/spring-boot-sample.jar
rounds=${ROUNDS:-2}
port=18080
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() {
  local mode=$1
  port=$((port + 1))
  (
    export TELEGRAM_BOT_TOKEN=123456789:AAH-fake TELEGRAM_CHAT_ID=4242 JAHIZ_TELEGRAM_API_URL=http://127.0.0.1:9 PORT=$port
    [ "$mode" = off ] && export JAHIZ_ENABLED=false
    [ "$mode" = no-destination ] && unset TELEGRAM_BOT_TOKEN TELEGRAM_CHAT_ID
    exec java -Xmx512m -jar "$jar" > "/tmp/starter-wrk-$mode-$port.log" 2>&1
  ) &
  local pid=$!
  for _ in $(seq 120); do curl -sf "localhost:$port/" > /dev/null && break; sleep 1; done
  wrk -t2 -c16 -d15s "http://127.0.0.1:$port/" > /dev/null   # warm-up
  echo "== starter $mode; $(uptime | sed 's/.*load/load/')"
  local cpu_before; cpu_before=$(cpu_ticks "$pid")
  wrk -t2 -c16 -d20s --latency "http://127.0.0.1:$port/" | tee "/tmp/starter-wrk-$mode-$port.txt"
  local cpu_after; cpu_after=$(cpu_ticks "$pid")
  # The app's own CPU time (user + system) per request served: unlike requests/s, it hardly depends
  # on how much of the machine other processes take.
  local served; served=$(awk '/requests in/ {print $1}' "/tmp/starter-wrk-$mode-$port.txt")
  echo "app CPU per request: $(( (cpu_after - cpu_before) * 1000000 / $(getconf CLK_TCK) / served )) µs"
  kill "$pid"; wait "$pid" 2>/dev/null
}
modes=${MODES:-off on}
for _ in $(seq "$rounds"); do for mode in $modes; do run "$mode"; done; done
