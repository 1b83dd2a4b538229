#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh --tests
swift build --build-tests
swift test --skip-build "$@"
