#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer or ThreadSanitizer, in its own build folder.
# Usage: scripts/sanitize.sh address|thread [extra swift test arguments]
#
# Under ASan, LeakSanitizer's report at the test process's exit is turned off: it lists the test
# targets' own `static let` fixtures, which Swift keeps behind tagged pointers LSan cannot follow. The
# daemon's leaks are checked where they matter, per poll cycle, by scripts/leakcheck.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh
kind="${1:-address}"; shift || true
scratch=".build-$kind"
swift build --build-tests --scratch-path "$scratch" -Xswiftc -sanitize="$kind" "$@"
export FEEDWATCH_SANITIZER="$kind"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=0}"
swift test --skip-build --scratch-path "$scratch" -Xswiftc -sanitize="$kind" "$@"
