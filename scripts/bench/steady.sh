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
trap 'stop_nginx "$work"; rm -rf "$work"' EXIT
mkdir -p "$work/www/feeds"
cat > "$work/gen.py" <<'PY'
import email.utils, json, random, sys, time
work, feeds, per_feed, round_id, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(round_id)
words = ("council budget harbour election railway minister protest treaty winter farmers court energy border "
         "schools vaccine museum bridge tariffs river airport police strike festival coalition reform drought "
         "market housing pension army spoke warned signed rejected visited closed opened funded delayed praised").split()
now = time.time()
for f in range(feeds):
    out = []
    for i in range(per_feed):
        watched = rng.random() < 0.75
        text = " ".join(" ".join(rng.choice(words) for _ in range(9)) + "." for _ in range(4))
        if watched:
            text += " Anna Kovacs said the talks would go on."
        out.append(f"<item><title>Round {round_id} story {i} of feed {f}</title>"
                   f"<link>https://news{f}.example/{round_id}/{i}</link><guid>urn:{round_id}:{f}:{i}</guid>"
                   f"<pubDate>{email.utils.formatdate(now - i, usegmt=True)}</pubDate><description>{text}</description></item>")
    with open(f"{work}/www/feeds/{f}.xml", "w") as fh:
        fh.write(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>{"".join(out)}</channel></rss>')
if round_id == 0:
    config = {"storage": {"path": f"{work}/feedwatch.sqlite"}, "retentionDays": 3650,
              "feeds": [{"url": f"http://127.0.0.{f % 16 + 1}:{port}/feeds/{f}.xml"} for f in range(feeds)],
              "watchlist": {"actors": [{"id": "kovacs", "name": "Anna Kovacs", "type": "person"}]},
              "schedule": {"intervalMinutes": 60}, "logLevel": "error",
              "alerts": {"backfill": "alert", "maxAgeHours": 0,
                         "sinks": [{"id": "file", "type": "jsonl", "path": f"{work}/alerts.jsonl"}],
                         "rules": [{"id": "kovacs", "actors": ["kovacs"], "sinks": ["file"]}]}}
    json.dump(config, open(f"{work}/config.json", "w"))
PY
start_nginx "$work" "$port"
if [ -n "${FEEDWATCH_BIN:-}" ]; then bin="$FEEDWATCH_BIN"; else
  swift build -c release --product feedwatch >/dev/null
  bin="$(swift build -c release --show-bin-path)/feedwatch"
fi

round=0
cpu_of() {  # runs one `once`; prints its user+system CPU seconds
  /usr/bin/time -f "%U %S" "$bin" once --quiet --config "$work/config.json" > "$work/out.txt" 2> "$work/time.txt" || true
  rm -f "$work/alerts.jsonl"  # the file's tail is what the sink reads; its size is not measured here
  tail -1 "$work/time.txt" | awk '{printf "%.3f", $1 + $2}'
}
items() { sqlite3 "$work/feedwatch.sqlite" "SELECT value FROM tallies WHERE name = 'items'" 2>/dev/null || echo 0; }
publish() { python3 "$work/gen.py" "$work" "$feeds" "$1" "$round" "$port"; round=$((round + 1)); }
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
