#!/usr/bin/env bash
# Makes the development CA and the broker's certificate once per checkout, under .run/tls
# (FOREWARN_TLS_DIR): ca.pem (what every Forewarn client trusts), ca.key, and broker.pem (the
# broker's private key and certificate chain, PEM, as Kafka's PEM keystore reads it). Files are
# 0600 in a 0700 folder. Idempotent; delete the folder to issue new ones (docs/security.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${FOREWARN_TLS_DIR:-$here/../../.run/tls}"
mkdir -p "$dir"
chmod 700 "$dir"
dir="$(cd "$dir" && pwd)"
[ -f "$dir/ca.pem" ] && [ -f "$dir/broker.pem" ] && exit 0
umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 825 -subj "/O=Forewarn/CN=Forewarn development CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
# The broker's name: 127.0.0.1 and localhost, where the local brokers listen. Client and server
# use: the broker presents it to clients, and to its own controller listener (mutual TLS).
openssl req -newkey rsa:2048 -sha256 -nodes -subj "/CN=forewarn-broker" -keyout "$work/broker.key" -out "$work/broker.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' > "$work/ext"
openssl x509 -req -sha256 -days 825 -in "$work/broker.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -extfile "$work/ext" -out "$work/broker.crt" 2>/dev/null
# PKCS#8 key first, then the chain: Kafka's PEM keystore format.
openssl pkcs8 -topk8 -nocrypt -in "$work/broker.key" > "$work/broker.pem"
cat "$work/broker.crt" "$work/ca.pem" >> "$work/broker.pem"
mv "$work/ca.key" "$work/ca.pem" "$work/broker.pem" "$dir/"
echo "[kafka] made a development CA and broker certificate in $dir"
