#!/usr/bin/env bash
# Stops the broker started by start.sh, by its pid; waits for a clean shutdown, then forces it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${FOREWARN_KAFKA_DATA:-$here/.data}"
pidfile="$data/kafka.pid"
[ -f "$pidfile" ] || { echo "[kafka] not running"; exit 0; }
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$pidfile"
echo "[kafka] stopped (pid $pid)"
