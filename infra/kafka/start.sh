#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker on 127.0.0.1 unless one of ours already runs: TLS and
# SCRAM-SHA-512 on its client listener, ACLs on every request (server.properties.template).
# Data and logs live in infra/kafka/.data (git-ignored). Waits until the broker answers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${FOREWARN_KAFKA_PORT:-9092}"
controller_port="${FOREWARN_KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data="${FOREWARN_KAFKA_DATA:-$here/.data}"
pidfile="$data/kafka.pid"

"$here/fetch.sh"
"$here/tls.sh"
tls="$(cd "${FOREWARN_TLS_DIR:-$here/../../.run/tls}" && pwd)"
mkdir -p "$data"
chmod 700 "$data"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "[kafka] already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"
  exit 0
fi

# The broker's and the admin's SCRAM passwords, made once per checkout (docs/security.md).
broker_password="$("$here/secret.sh" forewarn-broker)"
admin_password="$("$here/secret.sh" forewarn-admin)"
(umask 077; sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" -e "s#@DATA_DIR@#$data#g" \
  -e "s#@TLS_DIR@#$tls#g" -e "s#@BROKER_PASSWORD@#$broker_password#g" \
  "$here/server.properties.template" > "$data/server.properties")
cp="$here/.libs/*"
jvm=(-Xms512m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true
     -Dlog4j2.configurationFile="$here/log4j2.xml" -Dkafka.logs.dir="$data")

# A log formatted before the broker was secured holds no SCRAM credentials, and no client could
# authenticate to it: keep it aside and start a new one (the services' databases tell a new
# cluster from the old and skip nothing: docs/inbox.md).
if [ -f "$data/log/meta.properties" ] && [ ! -f "$data/log/.scram-formatted" ]; then
  aside="$data/log.pre-security-$(date +%Y%m%d%H%M%S)"
  mv "$data/log" "$aside"
  echo "[kafka] this broker's log predates TLS and SCRAM; kept aside in $aside, starting a new one" >&2
fi
if [ ! -f "$data/log/meta.properties" ]; then
  cluster_id="$(java -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool random-uuid)"
  # In KRaft the first SCRAM credentials are written with the storage: the broker's own (it
  # authenticates to itself) and the admin's, which creates every other one.
  java -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
    -c "$data/server.properties" --ignore-formatted \
    --add-scram "SCRAM-SHA-512=[name=forewarn-broker,password=$broker_password]" \
    --add-scram "SCRAM-SHA-512=[name=forewarn-admin,password=$admin_password]" > "$data/format.log"
  touch "$data/log/.scram-formatted"
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
