#!/usr/bin/env bash
# Installs what is missing, builds feedwatch (release) and parses the bundled sample feed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh
swift build -c release --product feedwatch
bin="$(swift build -c release --show-bin-path)/feedwatch"
"$bin" parse samples/world-news.xml --base-url https://news.example.org/rss.xml
echo
echo "As JSON: $bin parse samples/world-news.xml --json"
