#!/usr/bin/env python3
# The daemon benchmarks' feeds: FEEDS feeds of ITEMS items on nginx (www/feeds/N.xml), each item naming
# zero to two of ACTORS watched people, and the configuration polling them (config.json).
# Usage: daemon-feeds.py WORK FEEDS ITEMS ACTORS PORT [STORAGE-JSON]
import json, random, sys
work, feeds, items, actors, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
# The storage section (JSON): SQLite in the work folder unless given.
storage = json.loads(sys.argv[6]) if len(sys.argv) > 6 else {"path": f"{work}/feedwatch.sqlite"}
rng = random.Random(42)
syl = ["ka", "lo", "mi", "ra", "ne", "to", "vi", "sa", "do", "ri", "an", "el", "or", "us", "ba", "ze"]
def word(n): return "".join(rng.choice(syl) for _ in range(n))
people = [(word(2).capitalize(), word(3).capitalize()) for _ in range(actors)]
filler = ("officials met on Thursday to discuss the economy, energy prices and security; "
          "no decision was taken, according to a statement released after the talks.").split()
for f in range(feeds):
    out = []
    for i in range(items):
        named = rng.sample(people, rng.randint(0, 2))
        words = filler[:]
        for first, last in named:
            words.insert(rng.randrange(len(words)), f"{first} {last}")
        text = " ".join(words)
        title = f"Story {i} of feed {f}" + (f": {named[0][1]} speaks" if named else "")
        out.append(f"<item><title>{title}</title><link>https://news{f % 50}.example/{f}/{i}</link>"
                   f"<guid>urn:bench:{f}:{i}</guid><pubDate>Thu, 26 Nov 2026 08:{i:02d}:00 GMT</pubDate>"
                   f"<description>{text}</description></item>")
    with open(f"{work}/www/feeds/{f}.xml", "w") as fh:
        fh.write(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>'
                 f'<link>https://news{f % 50}.example/</link>{"".join(out)}</channel></rss>')
watchlist = {"actors": [{"id": f"p{k}", "name": f"{a} {b}", "type": "person"} for k, (a, b) in enumerate(people)],
             "topics": [{"id": "energy", "name": "Energy", "query": "energy AND price*"}]}
config = {"storage": storage,
          "feeds": [{"url": f"http://127.0.0.{f % 16 + 1}:{port}/feeds/{f}.xml"} for f in range(feeds)],
          "watchlist": watchlist, "schedule": {"intervalMinutes": 60}, "logLevel": "error"}
json.dump(config, open(f"{work}/config.json", "w"))
