#!/usr/bin/env bash
# kill -9s the daemon at random moments while a loopback server publishes new items, restarts it,
# and checks that the JSON Lines sink holds every alert exactly once. Usage: scripts/crashloop.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh --tests
swift build --build-tests
FEEDWATCH_CRASH_ROUNDS="${1:-100}" swift test --skip-build --filter "AlertTests/crashes"
