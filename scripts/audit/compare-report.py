#!/usr/bin/env python3
"""Per-actor precision before and after, as a Markdown table, from two score-actors.py --json files
(the same watchlist and source): every actor with a wrong pair on either side, then the others with
at least --min pairs, each with its 95 % Wilson interval.

  python3 scripts/audit/compare-report.py BEFORE.json AFTER.json [--title T] [--min 5]
"""
import argparse, json

ap = argparse.ArgumentParser()
ap.add_argument("before")
ap.add_argument("after")
ap.add_argument("--title", default="")
ap.add_argument("--min", type=int, default=5)
a = ap.parse_args()
b, f = json.load(open(a.before)), json.load(open(a.after))


def cell(actor):
    if actor is None or actor["pairs"] == 0:
        return "—"
    p = actor["precision"]
    if p["n"] == 0:
        return f"{actor['pairs']} pairs, none decided"
    lo, hi = p["ci95"]
    return f"{p['k']}/{p['n']} = {p['value']:.2f} [{lo:.2f}, {hi:.2f}]"


ids = sorted(set(b["actors"]) | set(f["actors"]))
rows = []
for i in ids:
    x, y = b["actors"].get(i), f["actors"].get(i)
    wrong = (x or {}).get("wrong", 0) + (y or {}).get("wrong", 0)
    pairs = max((x or {}).get("pairs", 0), (y or {}).get("pairs", 0))
    if wrong == 0 and pairs < a.min:
        continue
    name = (x or y)["name"]
    rows.append((-(x or {}).get("wrong", 0), name, cell(x), cell(y)))
rows.sort()
if a.title:
    print(f"#### {a.title}\n")
tb, tf = b["totals"], f["totals"]
print(f"Items naming a wrong actor: {tb['items_with_wrong_actor']['k']}/{tb['items_with_wrong_actor']['n']} → "
      f"{tf['items_with_wrong_actor']['k']}/{tf['items_with_wrong_actor']['n']}; pairs wrong "
      f"{tb['wrong']}/{tb['pairs']} → {tf['wrong']}/{tf['pairs']}; recall of clear mentions "
      f"{tb['recall_clear']['k']}/{tb['recall_clear']['n']} → {tf['recall_clear']['k']}/{tf['recall_clear']['n']}.\n")
print("| actor | precision before [95 % CI] | after |")
print("| --- | --- | --- |")
for _, name, x, y in rows:
    print(f"| {name} | {x} | {y} |")
print()
