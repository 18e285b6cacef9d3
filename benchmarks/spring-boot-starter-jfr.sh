#!/usr/bin/env bash
# Where a request that does not fail spends its time with the Jahiz Spring Boot starter on: the
# Spring Boot sample's jar (starter with a fake destination) under wrk (GET /, a small JSON map)
# while JFR samples every thread (settings=profile: a sample each 10 ms per running thread), then how
# many of the request threads' samples (Tomcat's http-nio-* threads) have a Jahiz frame anywhere
# in their stack, and which.
# Needs wrk and the sample jar (mvn -pl samples/spring-boot-sample -am package -DskipTests).
set -u
cd "$(dirname "$0")/.."
jar=samples/spring-boot-sample/target/spring-boot-sample.jar
jfr_tool=${JFR:-jfr}
port=${PORT:-18180}
recording=${RECORDING:-/tmp/starter-requests.jfr}
rm -f "$recording"
(
  export TELEGRAM_BOT_TOKEN=123456789:AAH-fake TELEGRAM_CHAT_ID=4242 JAHIZ_TELEGRAM_API_URL=http://127.0.0.1:9 PORT=$port
  exec java -Xmx512m -XX:StartFlightRecording=settings=profile,filename="$recording",dumponexit=true \
    -jar "$jar" > "/tmp/starter-jfr-$port.log" 2>&1
) &
pid=$!
for _ in $(seq 120); do curl -sf "localhost:$port/" > /dev/null && break; sleep 1; done
wrk -t2 -c16 -d15s "http://127.0.0.1:$port/" > /dev/null   # warm-up
echo "== starter on, recorded; $(uptime | sed 's/.*load/load/')"
wrk -t2 -c16 -d30s "http://127.0.0.1:$port/"
kill "$pid"; wait "$pid" 2>/dev/null
"$jfr_tool" print --events jdk.ExecutionSample --stack-depth 200 "$recording" | python3 -c '
import re, sys, collections
samples = sys.stdin.read().split("jdk.ExecutionSample {")[1:]
requests = [s for s in samples if re.search(r"sampledThread = \"http-nio-", s)]
jahiz = [s for s in requests if "dev.jahiz." in s]
app = [s for s in requests if "com.example." in s]
print(f"request-thread samples: {len(requests)} of {len(samples)}; with a Jahiz frame: {len(jahiz)}"
      f" (with a frame of the app itself, its filter or controller, for comparison: {len(app)})")
frames = collections.Counter(m for s in jahiz for m in set(re.findall(r"(dev\.jahiz\.[\w.$]+)", s)))
for frame, count in frames.most_common(15):
    print(f"  {count:6d}  {frame}")
'
