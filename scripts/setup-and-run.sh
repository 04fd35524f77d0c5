#!/usr/bin/env bash
# Set up and run: installs GLPK and libxlsxwriter if missing, builds rota (release), and
# solves a shipped scheme of real size (two ICSs, 30 clinicians, 26 weeks)
# into out/two-ics, in 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-libs.sh
swift build -c release --product rota 2>&1 | tail -n 1
.build/release/rota solve inputs/two-ics --out out/two-ics --time-limit 30 "$@"
