#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker on 127.0.0.1 unless one of ours already runs.
# Data and logs live in infra/kafka/.data (git-ignored). Waits until the broker answers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${FOREWARN_KAFKA_PORT:-9092}"
controller_port="${FOREWARN_KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data="${FOREWARN_KAFKA_DATA:-$here/.data}"
pidfile="$data/kafka.pid"

"$here/fetch.sh"
mkdir -p "$data"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "[kafka] already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"
  exit 0
fi

sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" -e "s#@DATA_DIR@#$data#g" \
  "$here/server.properties.template" > "$data/server.properties"
cp="$here/.libs/*"
jvm=(-Xms512m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true
     -Dlog4j2.configurationFile="$here/log4j2.xml" -Dkafka.logs.dir="$data")

if [ ! -f "$data/log/meta.properties" ]; then
  cluster_id="$(java -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool random-uuid)"
  java -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
    -c "$data/server.properties" --ignore-formatted > "$data/format.log"
fi

nohup java -cp "$cp" "${jvm[@]}" kafka.Kafka "$data/server.properties" > "$data/stdout.log" 2>&1 &
echo $! > "$pidfile"

# The broker answers when its port accepts connections and it has registered itself.
for _ in $(seq 1 120); do
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "[kafka] broker exited; last lines of its log:" >&2
    tail -30 "$data/server.log" "$data/stdout.log" >&2 || true
    exit 1
  fi
  if grep -q "Kafka Server started" "$data/server.log" 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    echo "[kafka] broker up on 127.0.0.1:$port (pid $(cat "$pidfile"))"
    exit 0
  fi
  sleep 0.5
done
echo "[kafka] broker did not answer within 60 s" >&2
exit 1
