#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the demo page's browser test (DemoBrowserIT) when either is missing,
# and prints their paths. Needs root (apt-get). Usage: scripts/test-browser.sh
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } >&2
fi
echo "/usr/bin/chromium"
echo "/usr/bin/chromedriver"
