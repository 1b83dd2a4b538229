#!/usr/bin/env python3
"""Pairs for judging by hand, blind to which binary found them: the unsure pairs that
score-actors.py dumped for two runs (before and after a change), a fixed random sample of each, merged
into one shuffled list of (document, actor) pairs with every context either run saw. A judge writes
"right" or "wrong" into each line's verdict (does the document speak of that actor?), and the file
goes back to score-actors.py with --judgements; `--estimate` prints, per run, the share right among
its sampled pairs with a 95 % Wilson interval.

  python3 scripts/audit/sample-pairs.py --runs before=U1.jsonl after=U2.jsonl --n 40 --seed 7 > J.jsonl
  python3 scripts/audit/sample-pairs.py --runs before=U1.jsonl after=U2.jsonl --n 40 --seed 7 --estimate J.jsonl
"""
import argparse, json, math, random

ap = argparse.ArgumentParser()
ap.add_argument("--runs", nargs="+", required=True, help="NAME=unsure.jsonl")
ap.add_argument("--n", type=int, default=40)
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--estimate", help="a judged file: print the share right per run")
a = ap.parse_args()


def wilson(k, n, z=1.96):
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


samples = {}
merged = {}
for spec in a.runs:
    name, path = spec.split("=", 1)
    pairs = [json.loads(l) for l in open(path) if l.strip()]
    rng = random.Random(f"{a.seed}-{name}")
    chosen = rng.sample(pairs, min(a.n, len(pairs)))
    samples[name] = [(p["doc"], p["actor"]) for p in chosen]
    for p in chosen:
        key = (p["doc"], p["actor"])
        entry = merged.setdefault(key, {"doc": p["doc"], "actor": p["actor"], "name": p.get("name"), "verdict": None,
                                        "note": "", "mentions": []})
        seen = {(m.get("start"), m.get("form")) for m in entry["mentions"]}
        for m in p.get("mentions", []):
            if (m.get("start"), m.get("form")) not in seen:
                entry["mentions"].append({k: m.get(k) for k in ("form", "kind", "context")})

if a.estimate:
    verdicts = {}
    for line in open(a.estimate):
        if line.strip():
            j = json.loads(line)
            verdicts[(j["doc"], j["actor"])] = j.get("verdict")
    for name, keys in samples.items():
        judged = [verdicts.get(k) for k in keys if verdicts.get(k) in ("right", "wrong")]
        right = sum(1 for v in judged if v == "right")
        lo, hi = wilson(right, len(judged))
        share = right / len(judged) if judged else float("nan")
        print(f"{name}: {right}/{len(judged)} sampled unsure pairs right = {share:.3f} [{lo:.3f}, {hi:.3f}]"
              f"  (of {len(keys)} sampled)")
else:
    entries = list(merged.values())
    random.Random(a.seed).shuffle(entries)
    for e in entries:
        print(json.dumps(e, ensure_ascii=False))
