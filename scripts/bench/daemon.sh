#!/usr/bin/env bash
# Daemon benchmark: nginx serves 1,000 feeds of 20 items (each naming zero to two of 1,000 watched
# people) on 127.0.0.1-127.0.0.16; `feedwatch once` runs a cold cycle, then a cycle where every answer
# is a 304; then `feedwatch run` is left idle to read its resident memory. Loopback only.
# Usage: scripts/bench/daemon.sh [feeds=1000] [items=20] [actors=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
source scripts/bench/nginx-lib.sh
feeds="${1:-1000}"; items="${2:-20}"; actors="${3:-1000}"
port=18081
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

work="$(mktemp -d)"
chmod 755 "$work"
trap 'kill $daemon 2>/dev/null || true; stop_nginx "$work"; rm -rf "$work"' EXIT
daemon=""
mkdir -p "$work/www/feeds" "$work/logs"
python3 - "$work" "$feeds" "$items" "$actors" "$port" <<'PY'
import json, random, sys
work, feeds, items, actors, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(42)
syl = ["ka", "lo", "mi", "ra", "ne", "to", "vi", "sa", "do", "ri", "an", "el", "or", "us", "ba", "ze"]
def word(n): return "".join(rng.choice(syl) for _ in range(n))
people = [(word(2).capitalize(), word(3).capitalize()) for _ in range(actors)]
filler = ("officials met on Thursday to discuss the economy, energy prices and security; "
          "no decision was taken, according to a statement released after the talks.").split()
for f in range(feeds):
    out = []
    for i in range(items):
        named = rng.sample(people, rng.randint(0, 2))
        words = filler[:]
        for first, last in named:
            words.insert(rng.randrange(len(words)), f"{first} {last}")
        text = " ".join(words)
        title = f"Story {i} of feed {f}" + (f": {named[0][1]} speaks" if named else "")
        out.append(f"<item><title>{title}</title><link>https://news{f % 50}.example/{f}/{i}</link>"
                   f"<guid>urn:bench:{f}:{i}</guid><pubDate>Thu, 26 Nov 2026 08:{i:02d}:00 GMT</pubDate>"
                   f"<description>{text}</description></item>")
    with open(f"{work}/www/feeds/{f}.xml", "w") as fh:
        fh.write(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>'
                 f'<link>https://news{f % 50}.example/</link>{"".join(out)}</channel></rss>')
watchlist = {"actors": [{"id": f"p{k}", "name": f"{a} {b}", "type": "person"} for k, (a, b) in enumerate(people)],
             "topics": [{"id": "energy", "name": "Energy", "query": "energy AND price*"}]}
config = {"storage": {"path": f"{work}/feedwatch.sqlite"},
          "feeds": [{"url": f"http://127.0.0.{f % 16 + 1}:{port}/feeds/{f}.xml"} for f in range(feeds)],
          "watchlist": watchlist, "schedule": {"intervalMinutes": 60}, "logLevel": "error"}
json.dump(config, open(f"{work}/config.json", "w"))
PY
start_nginx "$work" "$port"
# FEEDWATCH_BIN: another build to measure (e.g. an older commit's, for a before/after in one run).
if [ -n "${FEEDWATCH_BIN:-}" ]; then bin="$FEEDWATCH_BIN"; else
  swift build -c release --product feedwatch >/dev/null
  bin="$(swift build -c release --show-bin-path)/feedwatch"
fi

measure() {
  /usr/bin/time -f "%e s wall, %U s user + %S s system CPU, %M KB peak RSS" ${2:-} "$bin" once --quiet --config "$work/config.json" 2> "$work/time.txt" > "$work/out.txt"
  echo "$1: $(tail -1 "$work/time.txt")"
  head -1 "$work/out.txt"
}
echo "$feeds feeds x $items items, $actors watched people"
measure "cold cycle"
measure "304 cycle " "${FEEDWATCH_BENCH_WRAPPER:-}"
[ -n "${KEEP_WORK:-}" ] && cp "$work/config.json" /tmp/bench-config.json && cp -r "$work/www" /tmp/bench-www 2>/dev/null; "$bin" run --config "$work/config.json" 2>/dev/null &
daemon=$!
sleep 8
echo "idle daemon after its first cycle: $(grep VmRSS /proc/$daemon/status | awk '{print $2 " " $3}') resident"
