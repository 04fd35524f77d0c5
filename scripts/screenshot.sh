#!/usr/bin/env bash
# Regenerates the README's pictures from the shipped scenarios: never edit
# or replace them by hand, so what they show is what the tool writes today.
#   docs/report-west-midlands.png  the report of a West Midlands run (Chromium)
#   docs/workbook-rota.png         the Rota sheet of inputs/small's rota.xlsx, printed by LibreOffice
#   docs/site-page.png             one PCN's page of the report, printed on A4 landscape by Chromium
#
#   scripts/screenshot.sh            # 60 s solve of inputs/west-midlands
#   LIMIT=20 scripts/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${LIMIT:-60}
scripts/install-libs.sh
browser=$(command -v chromium || command -v chromium-browser || command -v chromium-headless-shell || true)
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

# The workbook and the site page, from the small scenario (its sheets fit a page).
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! /usr/bin/python3 -c 'import PIL' 2>/dev/null; then
  echo "installing LibreOffice Calc, poppler-utils and Pillow (printing the workbook)" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo=sudo; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q libreoffice-calc-nogui poppler-utils python3-pil >/dev/null
fi
# Crops a page to what is printed on it, with a margin (Pillow).
trim() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
from PIL import Image, ImageChops, ImageOps
im = Image.open(sys.argv[1]).convert("RGB")
box = ImageChops.difference(im, Image.new("RGB", im.size, "white")).getbbox()
ImageOps.expand(im.crop(box), border=12, fill="white").save(sys.argv[2], optimize=True)
PY
}
.build/release/rota solve inputs/small --out "$work/small" --report --quiet >/dev/null
(cd "$work/small" && soffice --headless --convert-to pdf rota.xlsx >/dev/null 2>&1)
# The Rota sheet is the page after the Summary's (find it by its header).
page=$(for i in $(seq 1 "$(pdfinfo "$work/small/rota.pdf" | awk '/^Pages/ {print $2}')"); do
  pdftotext -f "$i" -l "$i" "$work/small/rota.pdf" - | head -1 | grep -qx staff && { echo "$i"; break; }; done)
pdftoppm -f "$page" -l "$page" -png -r 150 -singlefile "$work/small/rota.pdf" "$work/rota-sheet"
trim "$work/rota-sheet.png" docs/workbook-rota.png
echo "written    docs/workbook-rota.png (page $page of rota.xlsx printed by LibreOffice)"
"$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$work/site.pdf" \
  "file://$work/small/report.html#site-pcn-c1" 2>/dev/null
pdftoppm -f 1 -l 1 -png -r 80 -singlefile "$work/site.pdf" "$work/site"
/usr/bin/python3 -c 'import sys; from PIL import Image, ImageOps; ImageOps.expand(Image.open(sys.argv[1]).convert("RGB"), border=1, fill="#888").save(sys.argv[2], optimize=True)' "$work/site.png" docs/site-page.png
echo "written    docs/site-page.png (report.html#site-pcn-c1 printed by Chromium)"
