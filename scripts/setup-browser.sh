#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (tests/test_browser_*.py) if it is missing.
# Idempotent: does nothing when /usr/bin/chromium exists. Needs root (or sudo) to install.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "setup-browser: $CHROMIUM is missing and we are not root; install it with: apt-get install chromium" >&2
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: $CHROMIUM is missing and apt-get is not available; install Chromium at $CHROMIUM by hand" >&2
    exit 1
fi

echo "setup-browser: installing Debian's chromium (once)..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
if [ ! -x "$CHROMIUM" ]; then
    echo "setup-browser: apt-get finished but $CHROMIUM is still missing; check the apt output above" >&2
    exit 1
fi
echo "setup-browser: $("$CHROMIUM" --version 2>/dev/null || echo chromium installed)"
