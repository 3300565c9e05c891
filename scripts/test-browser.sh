#!/usr/bin/env bash
# Installs Debian's Chromium, its driver and a Japanese font for the demo page's browser test (DemoBrowserIT) when one is missing,
# and prints their paths. Needs root (apt-get). Usage: scripts/test-browser.sh
set -euo pipefail
# fonts-noto-cjk: the page is Japanese; without a CJK font its screenshots show empty boxes.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -d /usr/share/fonts/opentype/noto ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk; } >&2
fi
echo "/usr/bin/chromium"
echo "/usr/bin/chromedriver"
