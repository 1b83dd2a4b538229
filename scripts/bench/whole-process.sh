#!/usr/bin/env bash
# Whole-process parse speed and memory: feedwatch beside a C xmlTextReader walk of the same bytes
# (the yardstick), sfeed (C, its own tokenizer) and fastfeedparser (Python on lxml), in one run.
#
#   scripts/bench/whole-process.sh [ROUNDS]      (default 5; the fastest round of each is kept)
#
# Inputs: ../shared/corpus/feeds (the 219 real feeds, each named 4 times on one command line) and the
# 20,000-item generated feed (22.7 MB, escaped HTML in every description). Needs a release build;
# installs sfeed, hyperfine and fastfeedparser if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
corpus="${CORPUS:-../shared/corpus}"
[ -d "$corpus/feeds" ] || { echo "whole-process.sh: $corpus/feeds not found (set CORPUS)" >&2; exit 66; }
scripts/install-deps.sh --bench
python3 -c "import fastfeedparser" 2>/dev/null || pip install -q fastfeedparser
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/xmlwalk" scripts/bench/xmlwalk.c $(xml2-config --cflags --libs)
feedwatch="${FEEDWATCH_BIN:-$(scripts/build-release.sh 2>/dev/null)}"
python3 "$corpus/gen_large.py" "$work/large.xml" --items 20000 --seed 42 >/dev/null
mapfile -t feeds < <(find "$corpus/feeds" -type f | sort)
corpus_args=("${feeds[@]}" "${feeds[@]}" "${feeds[@]}" "${feeds[@]}")
cat "${corpus_args[@]}" > "$work/corpus-x4.xml"   # sfeed reads one stream on stdin

# measure SET NAME COMMAND...: the fastest wall time of $rounds runs (hyperfine, which subtracts its
# shell's own start), and the command's peak RSS (GNU time's %M).
measure() {
  local set="$1" name="$2"; shift 2
  local line; line="$(printf '%q ' "$@")"
  hyperfine --runs "$rounds" --warmup 1 -i --export-json "$work/h.json" "$line" > /dev/null 2>&1
  python3 -c 'import json,sys; print(min(json.load(open(sys.argv[1]))["results"][0]["times"]))' "$work/h.json" \
    > "$work/best-$name-$set"
  /usr/bin/time -f "%M" -o "$work/time" "$@" > /dev/null 2>&1 || true
  echo $(( $(tail -1 "$work/time") / 1024 )) > "$work/rss-$name-$set"
}

report() {
  local set="$1" bytes="$2"
  echo "## $set ($bytes bytes)"
  printf "program\tseconds\tpeak RSS MB\tMB/s\tvs walk\n"
  local walk; walk="$(cat "$work/best-walk-$set")"
  for name in walk feedwatch-stats feedwatch-json sfeed fastfeedparser; do
    local file="$work/best-$name-$set"
    [ -f "$file" ] || continue
    local s; s="$(cat "$file")"
    local rss; rss="$(cat "$work/rss-$name-$set")"
    awk -v n="$name" -v s="$s" -v r="$rss" -v b="$bytes" -v w="$walk" \
      'BEGIN { printf "%s\t%.4f\t%s\t%.1f\t%.2f\n", n, s, r, b / 1e6 / (s > 0 ? s : 1e-3), w / (s > 0 ? s : 1e-3) }'
  done
}

corpus_bytes=$(cat "${corpus_args[@]}" | wc -c)
large_bytes=$(wc -c < "$work/large.xml")
measure corpus walk "$work/xmlwalk" "${corpus_args[@]}"
measure corpus feedwatch-stats "$feedwatch" parse --stats "${corpus_args[@]}"
measure corpus sfeed sh -c "sfeed < '$work/corpus-x4.xml'"
measure corpus fastfeedparser python3 scripts/bench/fastfeedparser_files.py "${corpus_args[@]}"
measure large walk "$work/xmlwalk" "$work/large.xml"
measure large feedwatch-stats "$feedwatch" parse --stats "$work/large.xml"
measure large feedwatch-json "$feedwatch" parse --json "$work/large.xml"
measure large sfeed sh -c "sfeed < '$work/large.xml'"
measure large fastfeedparser python3 scripts/bench/fastfeedparser_files.py "$work/large.xml"
report corpus "$corpus_bytes"
echo
report large "$large_bytes"
echo
echo "## start-up (hyperfine, 30 runs)"
hyperfine -N -i --warmup 3 --runs 30 --export-markdown "$work/startup.md" \
  "$feedwatch --version" "sfeed -h" "$work/xmlwalk" > /dev/null 2>&1 || true
cat "$work/startup.md" 2>/dev/null || true
