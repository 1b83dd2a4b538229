#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ with AddressSanitizer and runs one, or all, for a while.
# Usage: scripts/fuzz.sh [TARGET|all] [SECONDS=600]   (FUZZ_BIN=folder: run binaries built before)
#   TARGET: FuzzFeedParser FuzzHTMLText FuzzMainText FuzzExtract FuzzTopicQuery FuzzConfig FuzzDate
# Seeds come from the test fixtures and Fuzz/regressions/; crashes land in Fuzz/artifacts/ (move each
# to Fuzz/regressions/TARGET-what and add it as a unit test).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/install-deps.sh
target="${1:-all}"; seconds="${2:-600}"
targets=(FuzzFeedParser FuzzHTMLText FuzzMainText FuzzExtract FuzzTopicQuery FuzzConfig FuzzDate)
[ "$target" = all ] || targets=("$target")
if [ -n "${FUZZ_BIN:-}" ]; then
  bin="$FUZZ_BIN"  # binaries built before (a frozen copy, so that long runs survive edits to the sources)
else
  # SwiftPM keeps the plan of a path dependency's files: a source file added to the main package is
  # not seen until the plan is made again.
  rm -f Fuzz/.build/release.yaml Fuzz/.build/release/description.json
  (cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
  bin="$(cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)"
fi
mkdir -p Fuzz/artifacts Fuzz/corpus
seed() { # seed folder per target, from the fixtures
  local dir="Fuzz/corpus/$1"; mkdir -p "$dir"
  case "$1" in
    FuzzFeedParser) cp Tests/FeedParserTests/Fixtures/feeds/* samples/*.xml samples/*.atom "$dir" 2>/dev/null || true
      python3 - "$dir" <<'PY'
import sys, re, pathlib
out = pathlib.Path(sys.argv[1])
for f in pathlib.Path("Tests/FeedParserTests/Fixtures/cases").glob("*.feedtest"):
    for i, case in enumerate(re.split(r"^### .*$", f.read_text(), flags=re.M)[1:]):
        doc = "\n".join(l for l in case.splitlines() if not l.startswith((">>> ", "@@ ")))
        (out / f"{f.stem}-{i}.xml").write_text(doc)
PY
      ;;
    FuzzHTMLText|FuzzMainText) cp Tests/ExtractorTests/Fixtures/pages/*.html "$dir" ;;
    FuzzExtract) cp Tests/ExtractorTests/Fixtures/*.txt "$dir" 2>/dev/null || true
      printf '%s\n%s' 'Putin meets Orbán' 'Vladimir Putin said: "We will see what happens next." He added that gas prices rise.' > "$dir/seed" ;;
    FuzzTopicQuery) printf '%s' 'sanction* OR embargo' > "$dir/a"; printf '%s' '("military aid" OR weapons) NEAR/12 Ukraine' > "$dir/b"
      printf '%s' 'title:gas AND NOT oil' > "$dir/c" ;;
    FuzzConfig) cp config.example.json samples/watchlist.json "$dir" ;;
    FuzzDate) for d in "Tue, 10 Jun 2003 09:41:01 GMT" "2003-12-13T18:30:02.25+01:00" "10 Okt 2003" "13.12.2003 18:30"; do
        printf '%s' "$d" > "$dir/$(echo "$d" | md5sum | cut -c1-8)"; done ;;
  esac
}
for t in "${targets[@]}"; do
  seed "$t"
  # Inputs that once crashed a target (each also a unit test) stay in its seeds.
  for found in Fuzz/regressions/"$t"-*; do [ -e "$found" ] && cp "$found" "Fuzz/corpus/$t/"; done
  echo "== $t for ${seconds}s"
  LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp" "$bin/$t" "Fuzz/corpus/$t" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="Fuzz/artifacts/$t-" -print_final_stats=1 2>&1 | tee "Fuzz/artifacts/$t.log" | grep -v '^#[0-9]' | tail -40
done
