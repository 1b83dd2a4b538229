#!/usr/bin/env bash
# Fetch benchmark: nginx serves N small feeds on 127.0.0.1-127.0.0.16 (loopback only), and
# `feedwatch-bench fetch` fetches each once, then again with the ETags it got (all 304s).
# Usage: scripts/bench/fetch.sh [N=10000]. Installs nginx with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
source scripts/bench/nginx-lib.sh
count="${1:-10000}"
port=18080

work="$(mktemp -d)"
chmod 755 "$work"
trap 'stop_nginx "$work"; rm -rf "$work"' EXIT
mkdir -p "$work/www/feeds" "$work/logs"
python3 - "$work/www/feeds" "$count" <<'PY'
import sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    items = "".join(
        f"<item><title>Story {i}-{j}: talks continue in Brussels</title>"
        f"<link>https://news{i % 97}.example.org/story/{i}/{j}</link><guid>urn:feed:{i}:{j}</guid>"
        f"<pubDate>Thu, 26 Nov 2026 {j:02d}:00:00 GMT</pubDate><description>Item {j} of feed {i}: officials met on "
        f"Thursday to discuss sanctions, energy prices and military aid; no decision was taken, they said.</description></item>"
        for j in range(20))
    with open(f"{folder}/{i}.xml", "w") as f:
        f.write(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {i}</title>'
                f'<link>https://news{i % 97}.example.org/</link><description>Feed {i}</description>{items}</channel></rss>')
PY
start_nginx "$work" "$port"
for i in $(seq 0 $((count - 1))); do echo "http://127.0.0.$((i % 16 + 1)):$port/feeds/$i.xml"; done > "$work/urls.txt"

swift build -c release --product feedwatch-bench >/dev/null
bin="$(swift build -c release --show-bin-path)/feedwatch-bench"
# The private-network guard on (every URL's own host trusted, as for a configured feed: on these
# loopback addresses each connection and each request is checked and its URL parsed, the guard's
# worst case) and off, alternately, so that both see the same machine.
for round in 1 2; do
    for mode in ${FETCH_BENCH_MODES:-own-host anywhere}; do
        echo "== round $round, --private-networks $mode"
        ${FEEDWATCH_BENCH_WRAPPER:-} "$bin" fetch --private-networks "$mode" "$work/urls.txt"
    done
done
