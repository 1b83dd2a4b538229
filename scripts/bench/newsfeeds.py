"""Writes the benchmark feeds: FEEDS RSS files of ITEMS fresh items each (every item its own text;
75 % of them name Anna Kovacs, whom the configuration's one rule alerts on), the list of their URLs
(for newsboat), and the feedwatch configuration ("backfill": "alert", a JSON Lines sink) if missing.
Usage: newsfeeds.py WORK FEEDS ITEMS ROUND PORT [SENTENCES]"""
import email.utils, json, os, random, sys, time

work, feeds, items, round_id, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
sentences = int(sys.argv[6]) if len(sys.argv) > 6 else 6
rng = random.Random(round_id)
words = ("council budget harbour election railway minister protest treaty winter farmers court energy border "
         "schools vaccine museum bridge tariffs river airport police strike festival coalition reform drought "
         "market housing pension army spoke warned signed rejected visited closed opened funded delayed praised "
         "north south early late quietly again twice before after during").split()
now = time.time()
os.makedirs(f"{work}/www/feeds", exist_ok=True)
urls = [f"http://127.0.0.{f % 16 + 1}:{port}/feeds/{f}.xml" for f in range(feeds)]
for f in range(feeds):
    out = []
    for i in range(items):
        watched = rng.random() < 0.75
        text = [" ".join(rng.choice(words) for _ in range(9)) + "." for _ in range(sentences)]
        if watched:
            text.insert(rng.randrange(len(text)), "Anna Kovacs said the talks would go on.")
        title = f"Round {round_id} story {i} of feed {f}" + (": Kovacs speaks" if watched else "")
        out.append(f"<item><title>{title}</title><link>https://news{f % 50}.example/{round_id}/{f}/{i}</link>"
                   f"<guid>urn:bench:{round_id}:{f}:{i}</guid>"
                   f"<pubDate>{email.utils.formatdate(now - 60 * (i + 1), usegmt=True)}</pubDate>"
                   f"<description>{' '.join(text)}</description></item>")
    with open(f"{work}/www/feeds/{f}.xml", "w") as fh:
        fh.write(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>'
                 f'<link>https://news{f % 50}.example/</link>{"".join(out)}</channel></rss>')
with open(f"{work}/urls", "w") as fh:
    fh.write("\n".join(urls) + "\n")
if not os.path.exists(f"{work}/config.json"):
    config = {"storage": {"path": f"{work}/feedwatch.sqlite"}, "retentionDays": 3650,
              "feeds": [{"url": u} for u in urls],
              "watchlist": {"actors": [{"id": "kovacs", "name": "Anna Kovacs", "type": "person"}]},
              "schedule": {"intervalMinutes": 60}, "logLevel": "error",
              "alerts": {"backfill": "alert", "maxAgeHours": 0,
                         "sinks": [{"id": "file", "type": "jsonl", "path": f"{work}/alerts.jsonl"}],
                         "rules": [{"id": "kovacs", "actors": ["kovacs"], "sinks": ["file"]}]}}
    json.dump(config, open(f"{work}/config.json", "w"))
