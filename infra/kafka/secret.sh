#!/usr/bin/env bash
# Prints the development password of a Kafka principal, making it on first use: one file per
# principal under .run/secrets/kafka (FOREWARN_SECRETS_DIR), 0600. Never committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${FOREWARN_SECRETS_DIR:-$here/../../.run/secrets}/kafka"
name="$1"
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "secret.sh: bad principal name '$name'" >&2; exit 2; }
mkdir -p "$dir"
chmod 700 "$dir"
file="$dir/$name.password"
if [ ! -s "$file" ]; then
  (umask 077; openssl rand -hex 24 > "$file.tmp" && mv "$file.tmp" "$file")
fi
cat "$file"
