#!/usr/bin/env bash
# Builds one fuzz target and runs it on its corpus (see fuzz/README.md).
#
#   fuzz/run.sh FuzzCSV|FuzzTOML|FuzzVariant|FuzzXLSX [SECONDS] [extra libFuzzer flags]
#
# Corpus: fuzz/corpus/TARGET (generated, not committed), seeded from
# fuzz/seeds/TARGET (the files of inputs/) and the regression inputs in
# Tests/RotaIOTests/FuzzRegressions/TARGET. A crash, a hang (-timeout) or a
# runaway allocation (-rss_limit_mb, -malloc_limit_mb) stops the run and
# leaves the input in fuzz/artifacts/TARGET/.
set -euo pipefail
target=${1:?usage: fuzz/run.sh FuzzCSV|FuzzTOML|FuzzVariant|FuzzXLSX [SECONDS] [libFuzzer flags]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
cd "$(dirname "$0")/.."
repo=$(pwd)

# The fuzz targets exist only with ROTA_FUZZ set (Package.swift); their own
# build folder keeps the sanitized objects apart from .build.
ROTA_FUZZ=1 swift build -c release --build-path "$repo/.build-fuzz" --product "$target" \
    -Xswiftc -sanitize=fuzzer,address \
    -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address \
    2>&1 | grep -v -e '^\[' -e 'Cannot export local symbol' || true
binary="$repo/.build-fuzz/release/$target"
[ -x "$binary" ] || { echo "no $binary" >&2; exit 1; }

corpus="fuzz/corpus/$target"
artifacts="fuzz/artifacts/$target"
regressions="Tests/RotaIOTests/FuzzRegressions/$target"
mkdir -p "$corpus" "$artifacts" "$regressions"
log="fuzz/logs/$target-$(date +%Y%m%d-%H%M%S).log"
mkdir -p fuzz/logs

# Leak checking is off: the Swift runtime's own caches read as leaks. A
# runaway allocation is caught by -malloc_limit_mb (1 GB in one allocation)
# and -rss_limit_mb. The RSS limit is 8 GB, not 2, because TOMLKit 0.6.0
# never frees a parsed table (no deinit): every scenario.toml parse leaks a
# few KB, so a long run's RSS grows steadily (see fuzz/README.md).
export ROTA_REPO="$repo"
# A trap must reach libFuzzer as a crash, not go through Swift's backtracer
# (which ASan then reports as its own bug).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=0}"
set +e
"$binary" "$corpus" "fuzz/seeds/$target" "$regressions" \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 \
    -rss_limit_mb=8192 -malloc_limit_mb=1024 -detect_leaks=0 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 -print_pcs=0 "$@" 2>&1 | tee "$log" | grep -v -e '^#[0-9]*.*\(NEW\|REDUCE\|pulse\)' 
status=${PIPESTATUS[0]}
set -e
echo "--- $target: exit $status; log $log"
grep -E '^#[0-9]+.*(DONE|INITED)' "$log" | tail -2
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
echo "corpus files: $(ls "$corpus" | wc -l)"
exit "$status"
