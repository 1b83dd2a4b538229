#!/usr/bin/env bash
# Alerting benchmark, beside newsboat in the same run: nginx serves 1,000 feeds of 20 fresh items on
# 127.0.0.1-127.0.0.16 (each item its own text; 75 % of them name the watched person a rule alerts
# on), `feedwatch once` runs a cold cycle with "backfill": "alert" (15,000 alerts queued and
# delivered to a JSON Lines file), then an all-304 cycle; newsboat 2.21 (Debian's) reloads the same
# URLs cold and again (conditional GETs), with its default reload-threads (1) and with 16.
# Loopback only. Usage: scripts/bench/alerts.sh [feeds=1000] [items=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
source scripts/bench/nginx-lib.sh
scripts/install-deps.sh --bench
feeds="${1:-1000}"; items="${2:-20}"
port=18082
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

work="$(mktemp -d)"
chmod 755 "$work"
# KEEP_WORK=1 keeps the folder (feeds, config, database) and skips newsboat: for profiling, e.g.
# FEEDWATCH_BENCH_WRAPPER="perf record -g -o /tmp/perf.data" to profile the cold cycle.
trap 'stop_nginx "$work"; [ -n "${KEEP_WORK:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT
mkdir -p "$work/www/feeds" "$work/logs"
python3 scripts/bench/newsfeeds.py "$work" "$feeds" "$items" 0 "$port"
start_nginx "$work" "$port"
feedwatch_bin

timed() {  # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e s wall, %U s user + %S s system CPU, %M KB peak RSS" "$@" 2> "$work/time.txt" > "$work/out.txt" || true
  printf '%-34s %s\n' "$label:" "$(tail -1 "$work/time.txt")"
}

echo "$feeds feeds x $items items; $(grep -o 'Kovacs speaks' -r "$work/www/feeds" | wc -l) items name the watched person"
timed "feedwatch once, cold" ${FEEDWATCH_BENCH_WRAPPER:-} "$bin" once --quiet --config "$work/config.json"
grep '^alerts:' "$work/out.txt" | sed 's/^/  /'
echo "  $(wc -l < "$work/alerts.jsonl") lines in the JSON Lines file"
timed "feedwatch once, every feed a 304" "$bin" once --quiet --config "$work/config.json"
grep '^alerts:' "$work/out.txt" | sed 's/^/  /'

[ -n "${KEEP_WORK:-}" ] && exit 0
for threads in 1 16; do
  printf 'reload-threads %s\n' "$threads" > "$work/newsboat-$threads.conf"
  rm -f "$work/newsboat.db"
  timed "newsboat -x reload, cold ($threads thr)" newsboat -x reload -u "$work/urls" -c "$work/newsboat.db" -C "$work/newsboat-$threads.conf"
  timed "newsboat -x reload, again ($threads thr)" newsboat -x reload -u "$work/urls" -c "$work/newsboat.db" -C "$work/newsboat-$threads.conf"
done
echo "  newsboat stored $(sqlite3 "$work/newsboat.db" 'SELECT COUNT(*) FROM rss_item' 2>/dev/null || echo '?') items"
