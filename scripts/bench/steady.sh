#!/usr/bin/env bash
# Steady-state benchmark: does a new item cost more CPU when the database is big? nginx serves 100
# feeds on loopback; each round rewrites them with fresh items (75 % of them naming the person a rule
# alerts on, "backfill": "alert", a JSON Lines sink) and `feedwatch once` takes them. The database is
# grown to 10,000 items, a measuring round of 5,000 new items runs, then an all-304 round; the same at
# 1,000,000 items. CPU per new item = (CPU of the new-item round - CPU of the 304 round) / new items:
# the 304 round is the process's fixed cost (start, configuration, extractor, one request per feed).
# Usage: scripts/bench/steady.sh [target=1000000] [grow-items-per-feed=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
source scripts/bench/nginx-lib.sh
target="${1:-1000000}"; grow="${2:-2000}"
feeds=100; port=18083
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
work="$(mktemp -d)"
chmod 755 "$work"
# KEEP_WORK=1 keeps the folder (feeds, configuration, the grown database) for profiling.
trap 'stop_nginx "$work"; [ -n "${KEEP_WORK:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT
publish() { python3 scripts/bench/newsfeeds.py "$work" "$feeds" "$1" "$round" "$port" 4; round=$((round + 1)); }
round=0
publish 0  # the configuration (round 0 has no items)
start_nginx "$work" "$port"
feedwatch_bin

cpu_of() {  # runs one `once`; prints its user+system CPU seconds
  /usr/bin/time -f "%U %S" "$bin" once --quiet --config "$work/config.json" > "$work/out.txt" 2> "$work/time.txt" || true
  rm -f "$work/alerts.jsonl"  # the file's tail is what the sink reads; its size is not measured here
  tail -1 "$work/time.txt" | awk '{printf "%.3f", $1 + $2}'
}
items() { sqlite3 "$work/feedwatch.sqlite" "SELECT value FROM tallies WHERE name = 'items'" 2>/dev/null || echo 0; }
measure() {
  publish 50
  local fresh; fresh=$(cpu_of)
  local raised; raised=$(grep -o '[0-9]* raised' "$work/out.txt" | head -1)
  local idle; idle=$(cpu_of)
  awk -v f="$fresh" -v i="$idle" -v n="$(items)" -v r="$raised" 'BEGIN {
    printf "database %d items: 5,000 new items (%s) %.2f s CPU, all-304 round %.2f s: %.3f ms CPU per new item\n",
      n, r, f, i, (f - i) * 1000 / 5000 }'
}

publish 100; cpu_of > /dev/null   # 10,000 items
measure
while [ "$(items)" -lt "$target" ]; do
  left=$(( (target - $(items)) / feeds )); [ "$left" -gt "$grow" ] && left=$grow; [ "$left" -lt 1 ] && left=1
  publish "$left"; cpu_of > /dev/null
done
measure
echo "database file: $(du -h "$work/feedwatch.sqlite" | cut -f1)"
