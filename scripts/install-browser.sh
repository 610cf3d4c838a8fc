#!/usr/bin/env bash
# Installs Debian's chromium (and an Arabic font, fonts-noto-core) for the browser test (test/browser.test.ts) when
# /usr/bin/chromium is missing. Never fails: without a browser the test skips itself and says why.
set -u
CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "install-browser: $CHROMIUM already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get here; not installing chromium (the browser test will be skipped)"
  exit 0
fi
sudo=''
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo='sudo -n'
  else
    echo "install-browser: not root and no password-less sudo; not installing chromium (the browser test will be skipped)"
    exit 0
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing chromium with apt-get"
if ! $sudo apt-get update -qq >/dev/null; then
  echo "install-browser: apt-get update failed; trying to install from the current package lists"
fi
# the font is for a readable screenshot; fall back to chromium alone if it is not available
if $sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null \
  || $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null; then
  echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
else
  echo "install-browser: apt-get could not install chromium (the browser test will be skipped)"
fi
exit 0
