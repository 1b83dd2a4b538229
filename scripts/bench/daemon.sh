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
python3 scripts/bench/daemon-feeds.py "$work" "$feeds" "$items" "$actors" "$port"
start_nginx "$work" "$port"
feedwatch_bin

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
