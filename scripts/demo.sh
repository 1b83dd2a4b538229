#!/usr/bin/env bash
# The demo: installs what is missing, builds feedwatch (release), and runs the daemon's `once` over the
# bundled sample feeds (read from files: no network needed) with the sample geopolitics watchlist and
# two alert rules, keeping its state in an embedded SQLite database under .demo/. Then it writes
# today's digest and shows where the alerts and the digest are. The samples are fixed files, dated
# late November 2026, read for the first time: the demo asks for `"backfill": "alert"` and no age limit
# so that they alert (a real configuration keeps the defaults: only what is new from the first poll on).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh
swift build -c release --product feedwatch
bin="$(swift build -c release --show-bin-path)/feedwatch"
demo="$PWD/.demo"
rm -rf "$demo"
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
  "alerts": {
    "backfill": "alert", "maxAgeHours": 0,
    "sinks": [ { "id": "file", "type": "jsonl", "path": "$demo/alerts.jsonl" } ],
    "rules": [
      { "id": "orban", "actors": ["orban"], "sinks": ["file"] },
      { "id": "sanctions", "topics": ["sanctions"], "sinks": ["file"], "maxPerHour": 3 }
    ]
  },
  "digest": { "time": "07:00", "timezone": "Europe/Budapest", "folder": "$demo/digests" },
  "logLevel": "warning"
}
JSON
"$bin" check-config "$demo/config.json"
echo
"$bin" once --config "$demo/config.json"
today="$(TZ=Europe/Budapest date +%Y-%m-%d)"
"$bin" digest --config "$demo/config.json" --date "$today" > /dev/null
echo
echo "alerts: $demo/alerts.jsonl ($(wc -l < "$demo/alerts.jsonl") alerts)"
python3 -c 'import json,sys
for line in open(sys.argv[1]):
    a = json.loads(line); item = a.get("item", {})
    print("  [%s] %s" % (a["rule"], item.get("title") or "%d more, grouped" % a.get("count", 0)))' "$demo/alerts.jsonl" 2>/dev/null || true
echo "digest: $demo/digests/$today.md, .html, .json"
sed -n '1,12p' "$demo/digests/$today.md"
echo "…"
