#!/usr/bin/env bash
# Several instances benchmark: nginx serves FEEDS feeds of 20 items (scripts/bench/daemon-feeds.py) on
# 127.0.0.1-127.0.0.16; a PostgreSQL server of the script's own (initdb in a temporary folder, as the
# postgres user when run as root) holds the state. Measured, each on a fresh database:
#   - one instance on SQLite: `feedwatch once`, a cold cycle and an all-304 cycle (the reference);
#   - one instance on PostgreSQL: the same two `once` cycles;
#   - 1, 2 and 3 `feedwatch run` instances on PostgreSQL: until every feed is polled once (cold), then,
#     every feed made due again, until each is polled again (304s); CPU of the instances, database size;
#   - takeover: one of three instances killed with SIGKILL while polling; the time until every feed it
#     held has been polled by the others (leaseSeconds 10).
# Loopback only. Usage: scripts/bench/instances.sh [feeds=10000] [items=20] [actors=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
source scripts/bench/nginx-lib.sh
feeds="${1:-10000}"; items="${2:-20}"; actors="${3:-1000}"
port=18082
pgport=18543
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL is missing: scripts/install-deps.sh --tests" >&2; exit 1; }

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  stop_nginx "$work"
  rm -rf "$work"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

mkdir -p "$work/www/feeds" "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
as_pg "$pgbin/initdb" -D "$work/pg/data" -U feedwatch --auth=trust -E UTF8 >/dev/null
# synchronous_commit off: a crash may lose the last commits (fetched again, alerts kept by their
# idempotency keys), as SQLite's synchronous=NORMAL in WAL mode may.
as_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c max_connections=50 -c shared_buffers=256MB" start >/dev/null
psql_() { psql -h 127.0.0.1 -p "$pgport" -U feedwatch -d "$1" -tAc "$2"; }

python3 scripts/bench/daemon-feeds.py "$work" "$feeds" "$items" "$actors" "$port"
start_nginx "$work" "$port"
feedwatch_bin

# A configuration like config.json with the given storage section and lease.
config_for() {
  python3 - "$work/config.json" "$1" "$2" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["storage"] = json.loads(sys.argv[2])
config["digest"] = {"folder": sys.argv[1].rsplit("/", 1)[0] + "/digests"}
config["schedule"] = {"intervalMinutes": 60}
json.dump(config, open(sys.argv[3], "w"))
PY
}

once() {  # label config
  /usr/bin/time -f "%e s wall, %U s user + %S s system CPU, %M KB peak RSS" "$bin" once --quiet --config "$2" 2> "$work/time.txt" > "$work/out.txt"
  echo "  $1: $(tail -1 "$work/time.txt")"
}

calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

cpu_of() {  # pid: user+system seconds so far
  awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat"
}

echo "$feeds feeds x $items items, $actors watched people; $(nproc) cores; PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}')"
echo "one instance on SQLite (once):"
config_for "{\"path\": \"$work/bench.sqlite\"}" "$work/sqlite.json"
once "cold cycle" "$work/sqlite.json"
once "304 cycle " "$work/sqlite.json"
echo "  database: $(du -cb "$work"/bench.sqlite* | tail -1 | awk '{printf "%.1f MB", $1/1e6}')"

echo "one instance on PostgreSQL (once):"
psql_ postgres "CREATE DATABASE once1" >/dev/null
config_for "{\"postgres\": \"postgresql://feedwatch@127.0.0.1:$pgport/once1\"}" "$work/pg-once.json"
once "cold cycle" "$work/pg-once.json"
once "304 cycle " "$work/pg-once.json"
echo "  database: $(psql_ once1 "SELECT pg_size_pretty(pg_database_size('once1'))")"

# ONCE_ONLY=1: the two `once` comparisons only.
[ -n "${ONCE_ONLY:-}" ] && exit 0

# A query on the run's database: SQLite's file, or a PostgreSQL database.
query() {  # setup sql
  if [ "$1" = sqlite ]; then sqlite3 -cmd ".timeout 5000" "$work/run-sqlite.sqlite" "$2"; else psql_ "$1" "$2"; fi
}

# Waits until every active feed has been polled `polls` times; prints the seconds it took.
wait_polled() {  # setup polls start
  while [ "$(query "$1" "SELECT count(*) FROM feeds WHERE active = 1 AND polls < $2")" != 0 ]; do sleep 0.2; done
  calc "$(date +%s.%N) - $3"
}

# `feedwatch run`: one instance on SQLite, then one, two and three on PostgreSQL, each on a fresh database.
for setup in sqlite run1 run2 run3; do
  if [ "$setup" = sqlite ]; then
    n=1
    config_for "{\"path\": \"$work/run-sqlite.sqlite\"}" "$work/$setup.json"
  else
    n=${setup#run}
    psql_ postgres "CREATE DATABASE $setup" >/dev/null
    config_for "{\"postgres\": \"postgresql://feedwatch@127.0.0.1:$pgport/$setup\", \"leaseSeconds\": 10}" "$work/$setup.json"
  fi
  db=$setup
  pids=()
  start=$(date +%s.%N)
  for k in $(seq 1 "$n"); do
    "$bin" run --config "$work/$setup.json" --instance "i$k" 2>"$work/$setup-$k.log" &
    pids+=($!)
  done
  # The feed list registered (a first start writes it) before "every feed polled" can mean anything.
  until [ "$(query "$setup" "SELECT count(*) FROM feeds" 2>/dev/null)" = "$feeds" ]; do sleep 0.2; done
  cold=$(wait_polled "$setup" 1 "$start")
  cpu_cold=0; for pid in "${pids[@]}"; do cpu_cold=$(calc "$cpu_cold + $(cpu_of "$pid")"); done
  indexed=""
  if [ "$setup" != sqlite ]; then
    while [ "$(psql_ "$db" "SELECT count(*) FROM search_queue")" != 0 ]; do sleep 0.2; done
    indexed=", search index complete $(calc "$(date +%s.%N) - $start") s after the start"
  fi
  query "$setup" "UPDATE feeds SET next_due = 0" >/dev/null
  start=$(date +%s.%N)
  warm=$(wait_polled "$setup" 2 "$start")
  cpu_all=0; for pid in "${pids[@]}"; do cpu_all=$(calc "$cpu_all + $(cpu_of "$pid")"); done
  stored=$(query "$setup" "SELECT count(*) FROM items")
  if [ "$setup" = sqlite ]; then size="$(du -cb "$work"/run-sqlite.sqlite* | tail -1 | awk '{printf "%.1f MB", $1/1e6}')"
  else size="$(psql_ "$db" "SELECT pg_size_pretty(pg_database_size('$db'))")"; fi
  printf "%d instance(s) on %s (run): every feed polled %.1f s after the start (instances' CPU %.1f s)%s; all-304 cycle %.1f s (CPU %.1f s); %s items; database %s\n" \
    "$n" "$([ "$setup" = sqlite ] && echo SQLite || echo PostgreSQL)" "$cold" "$cpu_cold" "$indexed" "$warm" "$(calc "$cpu_all - $cpu_cold")" "$stored" "$size"
  if [ "$setup" = run3 ]; then
    # Takeover: every feed due again; the instance holding the most leases is killed.
    victim=""
    for attempt in $(seq 1 50); do
      psql_ "$db" "UPDATE feeds SET next_due = 0" >/dev/null
      for _ in $(seq 1 40); do
        victim=$(psql_ "$db" "SELECT lease_owner FROM feeds WHERE lease_owner IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        [ -n "$victim" ] && break 2
        sleep 0.02
      done
    done
    kill -9 "${pids[$((${victim#i} - 1))]}"
    killed=$(date +%s.%N)
    psql_ "$db" "CREATE TABLE held AS SELECT id, polls FROM feeds WHERE lease_owner = '$victim'" >/dev/null
    held=$(psql_ "$db" "SELECT count(*) FROM held")
    while [ "$(psql_ "$db" "SELECT count(*) FROM held h JOIN feeds f ON f.id = h.id WHERE f.polls <= h.polls")" != 0 ]; do sleep 0.1; done
    printf "takeover: %s feeds held by the killed instance, all polled by the others %.1f s after the kill (leaseSeconds 10)\n" \
      "$held" "$(calc "$(date +%s.%N) - $killed")"
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
done
