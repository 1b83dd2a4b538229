#!/usr/bin/env bash
# Fetch benchmark: nginx serves N small feeds on 127.0.0.1-127.0.0.16 (loopback only), and
# `feedwatch bench fetch` fetches each once, then again with the ETags it got (all 304s).
# Usage: scripts/bench/fetch.sh [N=10000]. Installs nginx with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
count="${1:-10000}"
port=18080
command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }

work="$(mktemp -d)"
chmod 755 "$work"
trap 'nginx -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
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
listens=""
for i in $(seq 1 16); do listens="$listens listen 127.0.0.$i:$port;"; done
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/logs/error.log;
pid $work/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  default_type application/rss+xml;
  server { $listens root $work/www; etag on; }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"
for i in $(seq 0 $((count - 1))); do echo "http://127.0.0.$((i % 16 + 1)):$port/feeds/$i.xml"; done > "$work/urls.txt"

swift build -c release --product feedwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/feedwatch"
${FEEDWATCH_BENCH_WRAPPER:-} "$bin" bench fetch "$work/urls.txt"
