#!/usr/bin/env bash
# Installs what the tests need and passes them: Debian's Chromium (the browser tests drive it;
# test tools cannot download browsers here), the npm packages, then typecheck, lint, unit tests,
# the static build, the kernel harness build and the browser tests (kernels on WebGPU via
# SwiftShader and on the CPU path, and end-to-end tests of every chapter).
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $chromium." >&2
    echo "Install it as root (Debian/Ubuntu: sudo apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium binary." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="$chromium"

npm ci --no-audit --no-fund
npm test
