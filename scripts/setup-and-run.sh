#!/usr/bin/env bash
# Set up and run: installs GLPK if missing, builds rota (release), and
# solves the shipped small scenario into out/small.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-glpk.sh
swift build -c release --product rota 2>&1 | tail -n 1
.build/release/rota solve inputs/small --out out/small "$@"
