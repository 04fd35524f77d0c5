#!/usr/bin/env bash
# Regenerates docs/report-west-midlands.png, the README's picture of a
# report, from the shipped scenario: never edit or replace it by hand, so
# what it shows is what the tool writes today.
#
#   scripts/screenshot.sh            # 60 s solve of inputs/west-midlands
#   LIMIT=20 scripts/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${LIMIT:-60}
scripts/install-libs.sh
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "installing Debian's chromium (headless screenshots)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q chromium >/dev/null; else sudo apt-get install -y -q chromium >/dev/null; fi
  browser=$(command -v chromium)
fi
swift build -c release --product rota 2>&1 | tail -n 1
work=$(mktemp -d)
.build/release/rota solve inputs/west-midlands --out "$work/wm" --time-limit "$LIMIT" --report --quiet | sed -n '1,4p'
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1800 \
  --screenshot="$work/page.png" "file://$work/wm/report.html" 2>/dev/null
cp "$work/page.png" docs/report-west-midlands.png
echo "written    docs/report-west-midlands.png (from $work/wm/report.html)"
