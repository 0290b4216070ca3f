#!/usr/bin/env bash
# Installs Debian's headless Chromium for the console's browser tests (playwright-core drives
# it through executablePath; no browser download). Run by `./forewarn test` and
# `./forewarn test-browser`. Idempotent; installing needs root (CI runs as root) or sudo.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then as_root=(sudo); else
    echo "[browser] chromium is not installed and installing it needs root: run 'apt-get install chromium' as root" >&2
    exit 1
  fi
fi
echo "[browser] installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
${as_root[@]+"${as_root[@]}"} apt-get update -qq
${as_root[@]+"${as_root[@]}"} apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
# Debian's launcher script may print a harmless shell warning of its own; the version is what counts.
chromium --version 2>/dev/null
