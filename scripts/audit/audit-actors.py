#!/usr/bin/env python3
"""Actor audit on real feeds: every item of the shared corpus through `feedwatch parse` and `feedwatch
extract` with an analyst's watchlist; prints a fixed random sample of the items that would raise an
alert (at least one watched actor), each with its mentions and their sentences, for a person to judge,
and counts the items that write "U.S." or "US" without the United States being found.

  python3 scripts/audit/audit-actors.py --bin .build/release/feedwatch [--corpus ../shared/corpus/feeds]
      [--watchlist scripts/audit/watchlist.json] [--sample 80] [--seed 11]
"""
import argparse, json, random, re, subprocess, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_items import corpus_items  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=".build/release/feedwatch")
ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2].parent / "shared/corpus/feeds"))
ap.add_argument("--watchlist", default=str(Path(__file__).with_name("watchlist.json")))
ap.add_argument("--sample", type=int, default=80)
ap.add_argument("--seed", type=int, default=11)
ap.add_argument("--focus", default="", help="comma-separated actor ids: list every alert naming one of them")
a = ap.parse_args()

docs = corpus_items(a.bin, a.corpus)
payload = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
p = subprocess.run([a.bin, "extract", "--watchlist", a.watchlist, "--jsonl"], input=payload.encode(), capture_output=True)
results = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
alerts = [r for r in results if r.get("actors")]
# A price in US dollars is not a mention of the country.
# Nor is the US Open (a tennis tournament); both are excluded on purpose, see Homonyms.swift.
us = re.compile(r"\bU\.S\.(?! ?dollars?| Open)|\bUS\b(?![- ]?[Dd]ollars?| Open)|\bU\.S\.A\.|\bUSA\b")
missed_us = [r for r in results if us.search((r.get("title") or "") + " " + r.get("text", "")) and not any(x["id"] == "usa" for x in r.get("actors", []))]
print(f"items={len(results)} alerting={len(alerts)} items writing U.S./US={sum(1 for r in results if us.search((r.get('title') or '') + ' ' + r.get('text', '')))} missed_us={len(missed_us)}")
for r in missed_us[:10]:
    m = us.search(r.get("text", ""))
    print("  MISSED US:", r["id"], (r.get("text", "")[max(0, m.start() - 60):m.end() + 60] if m else r.get("title")).replace("\n", " "))
counts = {}
for r in alerts:
    for x in r["actors"]:
        counts[x["id"]] = counts.get(x["id"], 0) + 1
print("alerts by actor:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
random.seed(a.seed)
for r in random.sample(alerts, min(a.sample, len(alerts))):
    print(f"\n### {r['id']}  {(r.get('title') or '')[:100]}")
    for x in r["actors"]:
        forms = sorted({m["form"] for m in x["mentions"]})
        print(f"  {x['id']:10} {x['count']:3}  forms={forms}  «{x['mentions'][0]['snippet'][:160]}»")

# Every alert of the actors most prone to namesakes, not a sample: people, and the homonym countries.
if a.focus:
    focus = set(a.focus.split(","))
    print("\n=== every alert naming one of:", ", ".join(sorted(focus)))
    for r in alerts:
        hits = [x for x in r["actors"] if x["id"] in focus]
        for x in hits:
            forms = sorted({m["form"] for m in x["mentions"]})
            print(f"  {r['id'][:40]:40} {x['id']:10} forms={forms}  «{x['mentions'][0]['snippet'][:110]}»")
