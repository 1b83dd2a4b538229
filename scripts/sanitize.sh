#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer or ThreadSanitizer, in its own build folder.
# Usage: scripts/sanitize.sh address|thread [extra swift test arguments, e.g. --filter NAME]
#
# Under ASan, LeakSanitizer's report at the test process's exit is turned off: it lists the test
# targets' own `static let` fixtures, which Swift keeps behind tagged pointers LSan cannot follow. The
# daemon's leaks are checked where they matter, per poll cycle, by scripts/leakcheck.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh --tests
kind="${1:-address}"; shift || true
scratch=".build-$kind"
swift build --build-tests --scratch-path "$scratch" -Xswiftc -sanitize="$kind"
export FEEDWATCH_SANITIZER="$kind"
# Every report, the test runner's and each feedwatch process's the tests start, goes to a file of its
# own: a report in a child whose exit status a test does not check would otherwise go unseen.
reports="$PWD/$scratch/reports"
rm -rf "$reports"; mkdir -p "$reports"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}:log_path=$reports/asan"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0}:suppressions=$PWD/scripts/tsan.supp:log_path=$reports/tsan"
status=0
swift test --skip-build --scratch-path "$scratch" -Xswiftc -sanitize="$kind" "$@" || status=$?
found=$(find "$reports" -type f | wc -l)
for report in $(find "$reports" -type f | head -5); do echo "== $report"; head -40 "$report"; done
echo "sanitize.sh $kind: tests exit $status; $found sanitizer report file(s) in $reports"
[ "$status" -eq 0 ] && [ "$found" -eq 0 ]
