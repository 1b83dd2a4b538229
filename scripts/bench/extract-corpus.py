#!/usr/bin/env python3
"""Extraction speed on real feed items: the titles and descriptions of the shared corpus through
`feedwatch extract --jsonl`, with a watchlist of 100 actors and one of 100,000 real multi-word
names (given names of the SSA list and surnames of the Census list in data/names, persons, so that
the surname rules run), start-up (the same run on no input) taken off. Prints MB/s per binary,
interleaved rounds, best of each.

  python3 scripts/bench/extract-corpus.py BIN [BIN ...] [--rounds 5] [--corpus ../shared/corpus/feeds]
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path

root = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(root / "scripts/audit"))
from corpus_items import corpus_items  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("bins", nargs="+")
ap.add_argument("--rounds", type=int, default=5)
ap.add_argument("--corpus", default=str(root.parent / "shared/corpus/feeds"))
ap.add_argument("--repeat", type=int, default=4, help="the items this many times over, so that extraction outweighs start-up")
a = ap.parse_args()

work = Path(tempfile.mkdtemp(prefix="extract-corpus-"))
items = corpus_items(a.bins[0], a.corpus)
payload = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items).encode() * a.repeat
(work / "items.jsonl").write_bytes(payload)
megabytes = len(payload) / 1e6

def tsv(name):
    with open(root / "data/names" / name) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]

given = [r[0].capitalize() for r in tsv("given-names.tsv") if r[0].isalpha()]
surnames = [r[0].capitalize() for r in tsv("surnames.tsv") if r[0].isalpha()]
small = json.load(open(root / "scripts/audit/lists/politics-europe.json"))["actors"][:100]
(work / "w100.json").write_text(json.dumps({"actors": small}))
big = [{"id": f"p{i}", "name": f"{given[i % len(given)]} {surnames[(i * 7919) % len(surnames)]}", "type": "person"}
       for i in range(100_000)]
(work / "w100000.json").write_text(json.dumps({"actors": big}))

def run(binary, watchlist, data):
    start = time.perf_counter()
    subprocess.run([binary, "extract", "--watchlist", str(watchlist), "--jsonl"], input=data,
                   stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start

print(f"{len(items)} items x {a.repeat}, {megabytes:.2f} MB of JSON Lines; {a.rounds} interleaved rounds, best of each")
for size in ("100", "100000"):
    watchlist = work / f"w{size}.json"
    best = {b: (1e9, 1e9) for b in a.bins}
    for _ in range(a.rounds):
        for b in a.bins:
            startup = run(b, watchlist, b"")
            total = run(b, watchlist, payload)
            best[b] = (min(best[b][0], total - startup), min(best[b][1], startup))
    for b in a.bins:
        work_s, startup = best[b]
        print(f"  {size:>6} actors  {b}: {megabytes / work_s:6.1f} MB/s  ({work_s:.3f} s extracting, start-up {startup:.3f} s)")
