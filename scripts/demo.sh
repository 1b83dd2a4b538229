#!/usr/bin/env bash
# The demo: installs what is missing, builds feedwatch (release), and runs the daemon's `once` over the
# bundled sample feeds (served from files; no network needed) with the sample geopolitics watchlist,
# keeping its state in an embedded SQLite database under .demo/. Then prints what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh
swift build -c release --product feedwatch
bin="$(swift build -c release --show-bin-path)/feedwatch"
demo="$PWD/.demo"
mkdir -p "$demo"
samples="$PWD/samples"
cat > "$demo/config.json" <<JSON
{
  "storage": { "path": "$demo/feedwatch.sqlite" },
  "feeds": [
    { "url": "file://$samples/world-news.xml", "name": "Example World Desk", "allowFile": true, "tags": ["en"] },
    { "url": "file://$samples/eu-politics.atom", "name": "Brussels Briefing", "allowFile": true, "tags": ["en"] },
    { "url": "file://$samples/regional-ru.xml", "name": "Regional news (ru)", "allowFile": true, "tags": ["ru"] }
  ],
  "watchlist": "$samples/watchlist.json",
  "digest": { "time": "07:00", "timezone": "Europe/Budapest", "folder": "$demo/digests" },
  "logLevel": "warning"
}
JSON
"$bin" check-config "$demo/config.json"
echo
"$bin" once --config "$demo/config.json"
echo
echo "Run it again and nothing is new; the state is in $demo/feedwatch.sqlite (feedwatch status --config $demo/config.json)."
