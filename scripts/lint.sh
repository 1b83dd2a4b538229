#!/usr/bin/env bash
# The code as .swift-format writes it: `swift format lint --strict` over every Swift file (exit 1 on
# any finding). `scripts/lint.sh --fix` rewrites the files in place instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
paths=(Package.swift Sources Tests Benchmarks Fuzz/Package.swift Fuzz/Sources)
if [ "${1:-}" = "--fix" ]; then
  swift format --in-place --recursive --parallel "${paths[@]}"
else
  swift format lint --strict --recursive --parallel "${paths[@]}"
  echo "lint.sh: every file as .swift-format writes it"
fi
