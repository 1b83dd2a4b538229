#!/usr/bin/env bash
# Runs the daemon built with AddressSanitizer (LeakSanitizer on) against nginx on loopback, once for a
# short and once for a long time, and compares what LeakSanitizer reports at exit: a leak that grows
# with the number of poll cycles shows as more bytes in the long run. Every feed is answered 200 (no
# validators), so each cycle parses everything again, and one feed gains three new items a second, so
# each cycle extracts, stores and alerts too. Feeds: the real-world corpus when ../shared is beside the
# checkout, else the bundled samples. Usage: scripts/leakcheck.sh [short-seconds=10] [long-seconds=60]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/bench/nginx-lib.sh
scripts/install-deps.sh
command -v curl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
short="${1:-10}"; long="${2:-60}"; port=18083
scratch=.build-address
swift build --product feedwatch --scratch-path "$scratch" -Xswiftc -sanitize=address >/dev/null
bin="$scratch/debug/feedwatch"

work="$(mktemp -d)"; chmod 755 "$work"
writer=""
trap 'kill $writer 2>/dev/null || true; stop_nginx "$work"; rm -rf "$work"' EXIT
mkdir -p "$work/www"
if [ -d ../shared/corpus/feeds ]; then cp ../shared/corpus/feeds/*.xml "$work/www/"; else cp samples/*.xml samples/*.atom "$work/www/"; fi
start_nginx "$work" "$port" "etag off; if_modified_since off;"

# The live feed: three new items a second, naming watched people.
( n=0; while true; do
    items=""
    for i in $(seq $((n > 30 ? n - 30 : 0)) "$n"); do
      items="$items<item><guid>live-$i</guid><title>Vladimir Putin and Viktor Orbán, story $i</title><description>Viktor Orbán said on Thursday: &quot;We will not back sanctions $i.&quot; Vladimir Putin answered.</description></item>"
    done
    printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title>%s</channel></rss>' "$items" > "$work/www/live.tmp"
    mv "$work/www/live.tmp" "$work/www/live.xml"
    n=$((n + 1)); sleep 0.33
  done ) &
writer=$!

feeds="$(cd "$work/www" && { find . -maxdepth 1 \( -name '*.xml' -o -name '*.atom' \) ! -name 'live.*' -printf '%f\n'; echo live.xml; } | sed "s#.*#{\"url\": \"http://127.0.0.1:$port/&\"}#" | paste -sd, -)"
cat > "$work/config.json" <<JSON
{ "storage": {"path": "$work/feedwatch.sqlite"}, "feeds": [$feeds],
  "watchlist": {"actors": [{"id": "putin", "name": "Vladimir Putin", "type": "person"},
                           {"id": "orban", "name": "Viktor Orbán", "type": "person"}],
                "topics": [{"id": "sanctions", "name": "Sanctions", "query": "sanction*"}]},
  "schedule": {"intervalMinutes": 0.01, "minIntervalMinutes": 0, "jitterPercent": 0},
  "alerts": {"backfill": "alert", "maxAgeHours": 0, "sinks": [{"id": "file", "type": "jsonl", "path": "$work/alerts.jsonl"}],
             "rules": [{"id": "orban", "actors": ["orban"], "sinks": ["file"]}]},
  "metrics": {"file": "$work/feedwatch.prom", "listen": "127.0.0.1:$((port + 1))"}, "logLevel": "error" }
JSON

cycle() {
  rm -f "$work"/feedwatch.sqlite* "$work/alerts.jsonl" "$work/feedwatch.prom"
  ASAN_OPTIONS=detect_leaks=1 "$bin" run --config "$work/config.json" 2> "$work/lsan-$1.txt" &
  local daemon=$!
  # Scraped all along, so that the metrics endpoint's thread is in the leak check too.
  ( n=0; while kill -0 "$daemon" 2>/dev/null; do
      curl -sf -o /dev/null "http://127.0.0.1:$((port + 1))/metrics" && n=$((n + 1)); echo "$n" > "$work/scrapes"; sleep 0.05
    done ) &
  local scraper=$!
  sleep "$1"; kill -TERM "$daemon"; wait "$daemon" || true
  wait "$scraper" || true
  local polls leaked alerts scrapes
  scrapes="$(cat "$work/scrapes" 2>/dev/null || echo 0)"
  polls="$(awk '/^feedwatch_polls_total/ {s += $NF} END {print s + 0}' "$work/feedwatch.prom" 2>/dev/null || echo 0)"
  alerts="$(wc -l < "$work/alerts.jsonl" 2>/dev/null || echo 0)"
  leaked="$(grep -o 'SUMMARY: AddressSanitizer: [0-9]* byte(s) leaked in [0-9]* allocation(s)' "$work/lsan-$1.txt" || echo 'no leaks')"
  echo "$1 s: $polls polls, $alerts alerts, $scrapes scrapes; LeakSanitizer: ${leaked#SUMMARY: AddressSanitizer: }"
  grep -m1 -A12 'leak of' "$work/lsan-$1.txt" | sed 's/^/    /' || true
}
cycle "$short"
cycle "$long"
