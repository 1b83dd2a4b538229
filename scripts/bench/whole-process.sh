#!/usr/bin/env bash
# Whole-process parse speed and memory: feedwatch beside a C xmlTextReader walk of the same bytes
# (the yardstick), sfeed (C, its own tokenizer) and fastfeedparser (Python on lxml), in one run.
#
#   scripts/bench/whole-process.sh [ROUNDS]      (default 5; the fastest round of each is kept)
#   BEFORE_BIN=/path/to/older/feedwatch scripts/bench/whole-process.sh 10     (a before/after in one run)
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

corpus_bytes=$(cat "${corpus_args[@]}" | wc -c)
large_bytes=$(wc -c < "$work/large.xml")
q() { printf '%q ' "$@"; }

# report SET BYTES NAME=COMMAND...: interleaved rounds (scripts/bench/interleave.py), each program's
# fastest run, its peak RSS, its speed and its speed relative to the walk (the first command).
report() {
  local set="$1" bytes="$2"; shift 2
  echo "## $set ($bytes bytes, fastest of $rounds interleaved rounds)"
  printf "program\tseconds\tpeak RSS MB\tMB/s\tvs walk\n"
  python3 scripts/bench/interleave.py "$rounds" "$@" | awk -v b="$bytes" -F'\t' '
    NR == 1 { walk = $2 }
    { printf "%s\t%.3f\t%.1f\t%.1f\t%.2f\n", $1, $2, $3, b / 1e6 / $2, walk / $2 }'
}

# BEFORE_BIN=PATH adds an older feedwatch to the same rounds (a before/after in one run).
before_corpus=() before_large=()
if [ -n "${BEFORE_BIN:-}" ]; then
  before_corpus=("before-stats=$(q "$BEFORE_BIN" parse --stats "${corpus_args[@]}")")
  before_large=("before-stats=$(q "$BEFORE_BIN" parse --stats "$work/large.xml")"
    "before-json=$(q "$BEFORE_BIN" parse --json "$work/large.xml")")
fi

report corpus "$corpus_bytes" \
  "walk=$(q "$work/xmlwalk" "${corpus_args[@]}")" \
  "feedwatch-stats=$(q "$feedwatch" parse --stats "${corpus_args[@]}")" \
  "${before_corpus[@]}" \
  "sfeed=sh -c $(q "sfeed < $work/corpus-x4.xml")" \
  "fastfeedparser=$(q python3 scripts/bench/fastfeedparser_files.py "${corpus_args[@]}")"
echo
report large "$large_bytes" \
  "walk=$(q "$work/xmlwalk" "$work/large.xml")" \
  "feedwatch-stats=$(q "$feedwatch" parse --stats "$work/large.xml")" \
  "feedwatch-json=$(q "$feedwatch" parse --json "$work/large.xml")" \
  "${before_large[@]}" \
  "sfeed=sh -c $(q "sfeed < $work/large.xml")" \
  "fastfeedparser=$(q python3 scripts/bench/fastfeedparser_files.py "$work/large.xml")"
echo
echo "## start-up (hyperfine, 30 runs)"
hyperfine -N -i --warmup 3 --runs 30 --export-markdown "$work/startup.md" \
  "$feedwatch --version" ${BEFORE_BIN:+"$BEFORE_BIN --version"} "sfeed -h" "$work/xmlwalk" > /dev/null 2>&1 || true
cat "$work/startup.md" 2>/dev/null || true
