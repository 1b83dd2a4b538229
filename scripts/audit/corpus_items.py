"""The items of the shared feed corpus as extract --jsonl reads them: each file through
`feedwatch parse --json`, each entry's title and its content (else its summary) as HTML. Shared by
the corpus audit and the extraction benchmark."""
import json, subprocess
from pathlib import Path


def corpus_items(binary, corpus):
    items = []
    for f in sorted(Path(corpus).iterdir()):
        if f.suffix in (".tsv", ".md"):
            continue
        p = subprocess.run([binary, "parse", "--json", str(f)], capture_output=True)
        if p.returncode != 0:
            continue
        try:
            feed = json.loads(p.stdout)
        except json.JSONDecodeError:
            continue
        for n, e in enumerate(feed.get("entries", [])):
            html = (e.get("content") or [{}])[0].get("value") or e.get("summary") or ""
            items.append({"id": f"{f.name}#{n}", "title": e.get("title") or "", "html": html})
    return items
