#!/usr/bin/env bash
# Builds the feedwatch that `make install` ships and prints its path: a release build with the Swift
# runtime and Foundation linked in (--static-swift-stdlib). It starts in ~16 ms instead of ~24 and
# with ~22 MB resident instead of ~28 (BENCHMARKS.md, "Whole process"), at 89 MB on disk instead
# of 19 (Foundation's ICU data). Kept in its own build folder, .build-static, so that it never
# forces a rebuild of the ordinary release build that the benchmarks' other programs use.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product feedwatch --static-swift-stdlib --scratch-path .build-static >&2
echo "$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/feedwatch"
