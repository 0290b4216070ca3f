#!/usr/bin/env bash
# Stops the nodes started by start.sh, by their pids (all of them, or node N: stop.sh N); waits
# for a clean shutdown, then forces it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${FOREWARN_KAFKA_DATA:-$here/.data}"
if [ -n "${1:-}" ]; then pidfiles=("$data/node-$1/kafka.pid"); else pidfiles=("$data/kafka.pid" "$data"/node-*/kafka.pid); fi
stopped=0
for pidfile in "${pidfiles[@]}"; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "[kafka] stopped (pid $pid)"
  stopped=1
done
[ "$stopped" = 1 ] || echo "[kafka] not running"
