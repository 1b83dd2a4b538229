#!/usr/bin/env python3
"""Throughput of Python feed parsers over the same files as `feedwatch-bench parse`, for BENCHMARKS.md.
Needs `pip install fastfeedparser feedparser`; reads only local files. Usage: python_parsers.py PATH..."""
import os
import sys
import time

def files(path):
    if os.path.isdir(path):
        return sorted(os.path.join(path, f) for f in os.listdir(path)
                      if f.endswith((".xml", ".rss", ".atom", ".rdf")))
    return [path]

def measure(name, parse, docs, rounds):
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for d in docs:
            try:
                parse(d)
            except Exception:
                pass
        best = min(best, time.perf_counter() - start)
    mb = sum(len(d) for d in docs) / 1e6
    print(f"{name}\t{mb / best:.1f} MB/s\t{len(docs) / best:.0f} feeds/s")

def main():
    import fastfeedparser
    import feedparser
    for path in sys.argv[1:]:
        docs = [open(f, "rb").read() for f in files(path)]
        print(f"# {path} ({len(docs)} files)")
        measure("fastfeedparser", fastfeedparser.parse, docs, 3)
        measure("feedparser", feedparser.parse, docs, 1)

main()
