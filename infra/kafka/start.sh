#!/usr/bin/env bash
# Starts a KRaft Kafka cluster on 127.0.0.1, one node (the default) or FOREWARN_KAFKA_NODES=3
# (replication factor 3, min.insync.replicas 2), each node that is not already running: TLS and
# SCRAM-SHA-512 on the client listener, ACLs on every request (server.properties.template).
# Node k listens on FOREWARN_KAFKA_PORT + 2(k-1) for clients and the port above it for the
# controllers (9092/9093, 9094/9095, 9096/9097). Data and logs live in infra/kafka/.data
# (git-ignored), one folder per node on three. Waits until every node answers. Starting it again
# after a node was killed starts that node alone (how a test restarts a lost broker).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${FOREWARN_KAFKA_PORT:-9092}"
nodes="${FOREWARN_KAFKA_NODES:-1}"
data="${FOREWARN_KAFKA_DATA:-$here/.data}"
case "$nodes" in 1|3) ;; *) echo "[kafka] FOREWARN_KAFKA_NODES=$nodes: 1 or 3" >&2; exit 2 ;; esac

"$here/fetch.sh"
"$here/tls.sh"
tls="$(cd "${FOREWARN_TLS_DIR:-$here/../../.run/tls}" && pwd)"
mkdir -p "$data"
chmod 700 "$data"

client_port() { echo $((port + 2 * ($1 - 1))); }
controller_port() { if [ "$nodes" = 1 ]; then echo "${FOREWARN_KAFKA_CONTROLLER_PORT:-$((port + 1))}"; else echo $(($(client_port "$1") + 1)); fi; }
# One node keeps the layout it always had; three have a folder each.
node_dir() { if [ "$nodes" = 1 ]; then echo "$data"; else echo "$data/node-$1"; fi; }
running() { [ -f "$(node_dir "$1")/kafka.pid" ] && kill -0 "$(cat "$(node_dir "$1")/kafka.pid")" 2>/dev/null; }

voters=""
for k in $(seq 1 "$nodes"); do voters="${voters:+$voters,}$k@127.0.0.1:$(controller_port "$k")"; done
if [ "$nodes" = 1 ]; then replication=1; min_isr=1; else replication=3; min_isr=2; fi

# The broker's and the admin's SCRAM passwords, made once per checkout (docs/security.md).
broker_password="$("$here/secret.sh" forewarn-broker)"
admin_password="$("$here/secret.sh" forewarn-admin)"
cp="$here/.libs/*"
jvm=(-Xms512m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true -Dlog4j2.configurationFile="$here/log4j2.xml")

# Every node of a new cluster is formatted with the same id.
cluster_id_file="$data/cluster.id"
started=()
for k in $(seq 1 "$nodes"); do
  dir="$(node_dir "$k")"
  if running "$k"; then
    echo "[kafka] node $k already running (pid $(cat "$dir/kafka.pid")) on 127.0.0.1:$(client_port "$k")"
    continue
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  (umask 077; sed -e "s#@PORT@#$(client_port "$k")#g" -e "s#@CONTROLLER_PORT@#$(controller_port "$k")#g" -e "s#@DATA_DIR@#$dir#g" \
    -e "s#@TLS_DIR@#$tls#g" -e "s#@BROKER_PASSWORD@#$broker_password#g" -e "s#@NODE_ID@#$k#g" -e "s#@VOTERS@#$voters#g" \
    -e "s#@REPLICATION@#$replication#g" -e "s#@MIN_ISR@#$min_isr#g" \
    "$here/server.properties.template" > "$dir/server.properties")

  # A log formatted before the broker was secured holds no SCRAM credentials, and no client could
  # authenticate to it: keep it aside and start a new one (the services' databases tell a new
  # cluster from the old and skip nothing: docs/inbox.md).
  if [ -f "$dir/log/meta.properties" ] && [ ! -f "$dir/log/.scram-formatted" ]; then
    aside="$dir/log.pre-security-$(date +%Y%m%d%H%M%S)"
    mv "$dir/log" "$aside"
    echo "[kafka] this broker's log predates TLS and SCRAM; kept aside in $aside, starting a new one" >&2
  fi
  if [ ! -f "$dir/log/meta.properties" ]; then
    [ -f "$cluster_id_file" ] || java -cp "$cp" "${jvm[@]}" -Dkafka.logs.dir="$dir" kafka.tools.StorageTool random-uuid > "$cluster_id_file"
    # In KRaft the first SCRAM credentials are written with the storage: the broker's own (it
    # authenticates to itself) and the admin's, which creates every other one.
    java -cp "$cp" "${jvm[@]}" -Dkafka.logs.dir="$dir" kafka.tools.StorageTool format -t "$(cat "$cluster_id_file")" \
      -c "$dir/server.properties" --ignore-formatted \
      --add-scram "SCRAM-SHA-512=[name=forewarn-broker,password=$broker_password]" \
      --add-scram "SCRAM-SHA-512=[name=forewarn-admin,password=$admin_password]" > "$dir/format.log"
    touch "$dir/log/.scram-formatted"
  fi
  # A fresh server.log per start, so "started" below is this start's.
  rm -f "$dir/server.log"
  nohup java -cp "$cp" "${jvm[@]}" -Dkafka.logs.dir="$dir" kafka.Kafka "$dir/server.properties" < /dev/null > "$dir/stdout.log" 2>&1 &
  echo $! > "$dir/kafka.pid"
  started+=("$k")
done

# A node answers when its port accepts connections and it has registered itself (on three, the
# controllers need a majority: the nodes come up together).
for k in "${started[@]}"; do
  dir="$(node_dir "$k")"
  for attempt in $(seq 1 180); do
    if ! kill -0 "$(cat "$dir/kafka.pid")" 2>/dev/null; then
      echo "[kafka] node $k exited; last lines of its log:" >&2
      tail -30 "$dir/server.log" "$dir/stdout.log" >&2 || true
      exit 1
    fi
    if grep -q "Kafka Server started" "$dir/server.log" 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/"$(client_port "$k")") 2>/dev/null; then
      echo "[kafka] broker up on 127.0.0.1:$(client_port "$k") (node $k of $nodes, pid $(cat "$dir/kafka.pid"))"
      break
    fi
    if [ "$attempt" = 180 ]; then echo "[kafka] node $k did not answer within 90 s" >&2; exit 1; fi
    sleep 0.5
  done
done
