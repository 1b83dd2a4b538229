#!/usr/bin/env python3
"""Runs whole commands in interleaved rounds and reports each one's fastest wall time and the peak
RSS of that run (from wait4's rusage), so that the machine's drift hits every command alike.

    interleave.py ROUNDS NAME=COMMAND [NAME=COMMAND ...]     (COMMAND split as a shell would)
Prints one tab-separated line per command: name, seconds, peak RSS MB."""
import os
import shlex
import subprocess
import sys
import time


def run_once(argv, rss_file):
    # Peak RSS through GNU time: a child forked from Python would count Python's own pages until exec.
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv, stdout=null, stderr=null)
        seconds = time.perf_counter() - start
    with open(rss_file) as f:
        return seconds, int(f.read().split()[-1]) / 1024


def main():
    rounds = int(sys.argv[1])
    commands = []
    for spec in sys.argv[2:]:
        name, _, line = spec.partition("=")
        commands.append((name, shlex.split(line)))
    best = {name: (float("inf"), 0.0) for name, _ in commands}
    rss_file = f"/tmp/interleave-{os.getpid()}.rss"
    for _ in range(rounds + 1):  # the first round warms the page cache and is not counted
        for name, argv in commands:
            seconds, rss = run_once(argv, rss_file)
            if _ > 0 and seconds < best[name][0]:
                best[name] = (seconds, rss)
    os.unlink(rss_file)
    for name, _ in commands:
        seconds, rss = best[name]
        print(f"{name}\t{seconds:.4f}\t{rss:.1f}")


main()
