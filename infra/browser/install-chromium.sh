#!/usr/bin/env bash
# Installs Debian's headless Chromium for the console's browser tests (playwright-core drives
# it through executablePath; no browser download). Idempotent; needs root (CI runs as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
echo "[browser] installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
chromium --version
