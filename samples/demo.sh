#!/usr/bin/env bash
# The main job on embedded defaults: a Jahiz receiver in console mode (no Telegram account needed)
# and the Logback sample app reporting to it over HMAC-signed HTTP. The receiver stores each report
# in SQLite, groups it, and prints the Telegram message it would send.
#
# Run from the repository root after `mvn -B -q -DskipTests install`.
# JAHIZ_PORT picks the receiver's port (default 8000). Everything else is throwaway: a fresh secret,
# a database in a temporary directory that is deleted on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

receiver_jar=jahiz-receiver/target/jahiz-receiver.jar
sample_jar=samples/logback-sample/target/logback-sample.jar
for jar in "$receiver_jar" "$sample_jar"; do
  [ -f "$jar" ] || { echo "missing $jar: run 'mvn -B -q -DskipTests install' first" >&2; exit 1; }
done

port=${JAHIZ_PORT:-8000}
work=$(mktemp -d)
secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')   # what `openssl rand -hex 32` gives
read_token=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')   # reads /stats; the apps never see it
receiver_pid=
cleanup() {
  if [ -n "$receiver_pid" ] && kill -0 "$receiver_pid" 2>/dev/null; then
    kill -TERM "$receiver_pid" && wait "$receiver_pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A GET without curl (a fresh machine may not have it): bash's /dev/tcp, HTTP/1.0, body only.
http_get() {
  local response
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n\r\n' "$1" "$read_token" >&3
  response=$(cat <&3)
  exec 3<&-
  printf '%s' "${response#*$'\r\n\r\n'}"
}

# Unset Telegram variables: console mode, whatever the caller's shell holds.
echo "== starting jahiz-receiver on port $port (console mode, database in $work)"
env -u TELEGRAM_BOT_TOKEN -u TELEGRAM_CHAT_ID \
  WEBHOOK_SECRET="$secret" JAHIZ_READ_TOKEN="$read_token" JAHIZ_PORT="$port" JAHIZ_DB_PATH="$work/jahiz.db" JAHIZ_LOG_LEVEL=WARN \
  java -jar "$receiver_jar" &
receiver_pid=$!

for _ in $(seq 1 100); do
  if ready=$(http_get /health/ready 2>/dev/null) && [[ $ready == *'"ready"'* ]]; then break; fi
  kill -0 "$receiver_pid" 2>/dev/null || { echo "the receiver did not start" >&2; exit 1; }
  sleep 0.2
done
[[ ${ready:-} == *'"ready"'* ]] || { echo "the receiver is not ready: ${ready:-no answer}" >&2; exit 1; }

echo "== running the Logback sample, reporting to http://localhost:$port/webhook/error"
env -u TELEGRAM_BOT_TOKEN -u TELEGRAM_CHAT_ID \
  JAHIZ_RECEIVER_URL="http://localhost:$port" WEBHOOK_SECRET="$secret" \
  java -jar "$sample_jar"

# The sample flushed before exiting, so its reports are stored; wait for the receiver to print them.
for _ in $(seq 1 100); do
  health=$(http_get /health || true)
  [[ $health == *'"pending":0'* ]] && break
  sleep 0.2
done
echo "== receiver statistics: $(http_get /stats)"
