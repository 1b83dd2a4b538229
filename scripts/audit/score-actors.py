#!/usr/bin/env python3
"""Precision and recall of actor matching against annotated text, for any watchlist.

  python3 scripts/audit/score-actors.py --bin BIN --watchlist W.json --source reuters|quotes
      [--data DIR] [--judgements J.jsonl] [--dump-unsure U.jsonl] [--json OUT.json] [--compare BEFORE.json]
      [--show-wrong] [--show-misses] [--show-quotes] [--surname-span-right]

Every document goes through `BIN extract --watchlist W --jsonl` once, as {"id", "title": "", "text"}: the
whole text is the text and the title is empty (the Reuters headline stays the first line of the text, so
every mention has a sentence >= 0 and byte offsets into the text). Mentions' UTF-8 byte offsets are turned
into character offsets before they are compared with the annotators' spans.

Sources (default data under ../shared/devsets beside the repository, or --data DIR):

reuters  (reuters-train/docs.jsonl: text + entity spans PER/ORG/LOC/MISC with character offsets)
  Each mention is judged against the spans it overlaps (the best verdict over those spans wins):
    - no overlapping span                                        -> WRONG no-span
    - a person's `title` mention overlapping no PER span ("President", "Russian President" whose "Russian"
      is a MISC span): UNSURE title-coref if a PER span of the document names the actor (full name, alias,
      bare surname), else WRONG title-generic when the title is only title words ("President", "Prime
      Minister", "Queen"), else UNSURE title-unnamed ("British Prime Minister", "Princess of Wales");
      but WRONG title-of-other when a PER span of someone else follows it ("Finance Minister Wataru Kubo")
      or ends just before it ("Jan Buettner, managing director");
      a title mention overlapping a PER span is judged against that span only
    - person actor in an ORG/LOC/MISC span                       -> WRONG other-type
    - organisation/country/place actor in a PER span             -> WRONG other-type
    - organisation actor in a LOC span ("Amazon" the river)      -> WRONG other-type
    - person actor in a PER span with a capitalised word that is not the actor's name, alias or title
      words, a title word (President, Mr, Sen. ...) or the initial of the actor's given name
      ("Paul Smith" for Rand Paul, "Bill Clinton" for Hillary Clinton)                -> WRONG other-person
      but if the span also holds both the actor's given name and surname (a middle name)  -> UNSURE
      other extra words (lower-case particles, other initials)                             -> UNSURE
    - organisation actor in an ORG span that is its name or alias plus company suffixes ("Lonrho Plc",
      "International Business Machines Corp.")                                               -> RIGHT
    - country/place actor in an ORG span longer than the mention ("Russian Foreign Ministry") -> UNSURE
    - country/place actor in a MISC/LOC span that is exactly the mention ("German")          -> RIGHT
    - span text equal (folded: case, diacritics, punctuation) to the mention form, or to the actor's
      name/alias/title (title words aside)                                                  -> RIGHT
      (for a person: a PER span made only of the actor's name, alias and title words -> RIGHT, e.g.
      mention "King Hussein" over the span "Hussein"; only the given name -> UNSURE given-only)
      except: a person's surname (or title + surname) alone in its PER span cannot tell namesakes apart
      ("Clinton" in 1996 is Bill) -> UNSURE surname-only (--surname-span-right: RIGHT, the literal rule),
      and WRONG namesake-in-doc when the document's PER spans name another person of that surname
      ("Bill Clinton") and none names the actor (full name, or given name + middle name + surname)
    - anything else                                                                          -> UNSURE
  Pair (doc, actor): WRONG if every mention is WRONG (reason: the commonest), RIGHT if any is RIGHT,
  else UNSURE. Recall: a "clear mention" is a span of a compatible type (person: PER; organisation: ORG;
  country/place: LOC or ORG; other: PER/ORG/LOC) whose folded text equals the actor's name or an alias;
  a document with a clear mention of an actor and no pair for it is a MISS.

quotes   (quotes-train or quotes-dev: docs.jsonl, gold.jsonl; no entity spans)
  A pair with a `name` or `alias` mention is RIGHT (full-name); a pair whose every mention is a bare
  surname/title/demonym/capital is UNSURE and dumped for hand judging. Quote credit: every found quote
  whose speaker.actor is watched and that overlaps a gold quote (>= half of the shorter, located as
  score_quotes.py does; the gold quote with the largest overlap) is
    wrong   when the extractor's own speaker text names another person of the actor's surname ("Mike
            Murphy" credited to Chris Murphy) and the gold source has head words without the actor's
            given name (no head words: unknown);
    right   when the last gold head word (the surname) is one of the actor's name/alias words other than
            the given name, or every head word is the actor's (folded); or when the source opens with
            the actor's name, alias, surname or given name + surname followed by a comma, "(", a dash,
            "who" or nothing ("Christie, New Jersey's sitting governor," whose annotated head is "Jersey");
    unknown when the gold source has no head words ("he"), is a description opening with a determiner
            ("the Vermont senator", head "Vermont"), or there is no gold source;
    wrong   otherwise: a full name of someone else ("Gerard Baker") or another head ("CNN", "Ribble").
  Quote-credit precision = right / (right + wrong); --show-quotes lists the wrong ones.
  Dev: --data .../quotes-dev (with its own watchlist.json if you like).

--judgements FILE.jsonl: lines {"doc", "actor" (id or name), "verdict": "right"|"wrong", "note"} override
  the automatic verdict of that pair (lines whose verdict is neither are ignored).
--dump-unsure FILE.jsonl: the pairs still unsure after judgements, one a line, with each mention's form,
  kind, character offsets, context (~200 characters, the mention in [[ ]]) and the spans it overlaps;
  "verdict" is null: fill in "right"/"wrong" and pass the same file back as --judgements.
--json OUT: everything (totals, per actor, pairs, misses, quote credits) for --compare in a later run.
--compare BEFORE.json: per actor and total, before -> after.

Intervals are 95 % Wilson score intervals.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEVSETS = Path(os.environ.get("FEEDWATCH_DEVSETS", ROOT.parent / "shared" / "devsets"))
DEFAULT_DATA = {"reuters": DEVSETS / "reuters-train", "quotes": DEVSETS / "quotes-train"}

RIGHT, WRONG, UNSURE = "right", "wrong", "unsure"
RANK = {RIGHT: 2, UNSURE: 1, WRONG: 0}

# Words that may stand beside a name in a person span without naming someone else.
TITLE_WORDS = set("""
mr mrs ms miss dr prof sir dame lord lady mister madam madame monsieur herr frau
president vice prime minister premier chancellor secretary general gen sen senator rep representative
congressman congresswoman gov governor mayor king queen prince princess emperor empress sheikh pope
judge justice chief ambassador foreign deputy speaker leader chairman chairwoman chair ceo founder
former late the st saint col colonel maj major capt captain lt sgt adm admiral marshal field
candidate nominee democrat republican gop senior junior jr sr ii iii
director managing executive manager spokesman spokeswoman commissioner officer crown duke duchess
earl baron count countess archbishop bishop cardinal rabbi imam ayatollah coach acting
""".split())
# Name particles that tell no one apart ("bin" in "Alwaleed bin Talal").
PARTICLES = set("al el bin ibn de del della der di da du das dos la le van von den ter st".split())
# Words a generic title may hold besides title words ("Finance Minister", "head of state"); not used in
# name spans, where they are surnames as often ("John Head").
TITLE_EXTRA = set("of and for head finance defence defense interior economy trade home state affairs foreign".split())
# Words after a company's name that do not make it another organisation ("Lonrho Plc", "IBM Corp.").
CORP_SUFFIXES = set("inc corp corporation co company plc ltd limited llc ag sa nv bv gmbh spa ab asa oyj group holding holdings".split())

FOLD_EXTRA = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"})


# ---------------------------------------------------------------- helpers
def fold(s):
    """Case, diacritics and punctuation folded: "Erdoğan's" -> "erdogan", "U.S." -> "u s"."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold().translate(FOLD_EXTRA)
    s = re.sub(r"['’]s\b", "", s)
    return " ".join(re.findall(r"\w+", s))


def words(s):
    """Words as written (case kept), possessive 's dropped."""
    s = re.sub(r"['’]s\b", "", s or "")
    return re.findall(r"\w+", s)


def wilson(k, n, z=1.96):
    if not n:
        return None
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return [max(0.0, c - h), min(1.0, c + h)]


def ratio(k, n):
    return {"k": k, "n": n, "value": (k / n) if n else None, "ci95": wilson(k, n)}


def fmt_ratio(r):
    if not r or not r["n"]:
        return "   -  (n=0)"
    lo, hi = r["ci95"]
    return f"{r['value']:.3f} [{lo:.3f}, {hi:.3f}] ({r['k']}/{r['n']})"


def byte_to_char_map(text):
    m = []
    for i, ch in enumerate(text):
        m.extend([i] * len(ch.encode("utf-8")))
    m.append(len(text))
    return m


def b2c(m, b):
    b = max(0, int(b))
    return m[b] if b < len(m) else m[-1]


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def run_extract(bin_, watchlist, docs):
    payload = "".join(json.dumps({"id": d["id"], "title": "", "text": d["text"]}, ensure_ascii=False) + "\n" for d in docs)
    argv = bin_.split() + ["extract", "--watchlist", str(watchlist), "--jsonl"]
    p = subprocess.run(argv, input=payload.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode("utf-8", "replace")[-4000:])
        sys.exit(f"{' '.join(argv)} exited {p.returncode}")
    out = {}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r.get("error"):
            sys.stderr.write(f"[warn] {r.get('id')}: {r['error']}\n")
        out[str(r.get("id"))] = r
    return out


# ---------------------------------------------------------------- watchlist
class Actor:
    def __init__(self, a):
        self.id = a["id"]
        self.name = a["name"]
        self.type = a.get("type", "other")
        self.aliases = a.get("aliases") or []
        self.titles = a.get("titles") or []
        self.names = {fold(self.name)} | {fold(x) for x in self.aliases}  # clear-mention forms
        self.names.discard("")
        self.title_forms = {fold(x) for x in self.titles} - {""}
        nt = fold(self.name.split(",")[0]).split()  # "Diana, Princess of Wales" -> diana
        while nt and nt[0] in TITLE_WORDS:  # "Prince William" -> william
            nt = nt[1:]
        while nt and nt[-1] in ("i", "ii", "iii", "iv", "v", "jr", "sr"):
            nt = nt[:-1]
        self.given = nt[0] if len(nt) >= 2 and self.type == "person" else None
        self.surname = nt[-1] if len(nt) >= 2 and self.type == "person" else None
        # Title words that are not this actor's own name ("major" is John Major's surname).
        self.title_words = TITLE_WORDS - set(nt)
        self.tokens = set()
        for x in [self.name] + self.aliases + self.titles:
            self.tokens.update(fold(x).split())
        # Tokens that identify the actor when a gold source shares one (not the given name alone).
        self.id_tokens = set(nt[1:] if len(nt) >= 2 else nt)
        for x in self.aliases:
            self.id_tokens.update(t for t in fold(x).split() if t not in TITLE_WORDS)
        self.id_tokens -= PARTICLES

    def core(self, text):
        """The folded words of text without title words."""
        return " ".join(t for t in fold(text).split() if t not in self.title_words)


def load_watchlist(path):
    w = json.load(open(path, encoding="utf-8"))
    return {a["id"]: Actor(a) for a in w.get("actors", [])}


# ---------------------------------------------------------------- reuters judging
def judge_against(actor, form, kind, span, surname_right):
    """One mention against one overlapping span: (verdict, reason)."""
    at, st, stext = actor.type, span["type"], span["text"]
    fs, ff = fold(stext), fold(form)
    eq = fs == ff or fs in actor.names or fs in actor.title_forms or (actor.core(stext) and actor.core(stext) in actor.names)
    if at == "person":
        if st != "PER":
            return WRONG, "other-type"
        extra = []
        for w in words(stext):
            fw = fold(w)
            if not fw or fw in actor.tokens or fw in actor.title_words:
                continue
            if len(fw) == 1 and actor.given and fw == actor.given[0]:
                continue
            extra.append(w)
        if extra:
            if any(len(w) > 1 and w[0].isupper() for w in extra):
                sw = set(fs.split())
                if actor.given and actor.surname and actor.given in sw and actor.surname in sw:
                    return UNSURE, "middle-name"
                return WRONG, "other-person"
            return UNSURE, "extra-words"
        # Every word of the span is the actor's (or a title): the span names the actor, unless it is only
        # the surname or the given name, which namesakes share.
        core = actor.core(stext)
        if actor.surname and core == actor.surname and core not in actor.names and not surname_right:
            return UNSURE, "surname-only"
        if actor.given and core == actor.given and core not in actor.names:
            return UNSURE, "given-only"
        return RIGHT, "span-equal" if eq or core == ff else "span-names-actor"
    if at in ("organization", "country", "place") and st == "PER":
        return WRONG, "other-type"
    if at == "organization" and st == "LOC":
        return WRONG, "other-type"
    if at == "organization" and st == "ORG":
        bare = fs.split()
        while bare and bare[-1] in CORP_SUFFIXES:
            bare = bare[:-1]
        bare = " ".join(bare)
        if bare and (bare == ff or bare in actor.names):
            return RIGHT, "span-equal-but-suffix"
    if at in ("country", "place"):
        if st == "ORG" and len(fs.split()) > len(ff.split()):
            return UNSURE, "country-in-org"
        if st in ("MISC", "LOC") and fs == ff:
            return RIGHT, "span-equal"
    if eq:
        return RIGHT, "span-equal"
    return UNSURE, "span-differs"


def actor_named_in(actor, spans):
    """Whether a PER span of the document names the actor (full name, alias, middle name or bare surname)."""
    for sp in spans:
        if sp["type"] == "PER":
            v, why = judge_against(actor, sp["text"], "name", sp, False)
            if v == RIGHT or why in ("middle-name", "surname-only"):
                return True
    return False


def judge_mention(actor, form, kind, cs, ce, spans, surname_right):
    ov = [sp for sp in spans if sp["start"] < ce and cs < sp["end"]]
    if kind == "title" and actor.type == "person" and not any(sp["type"] == "PER" for sp in ov):
        # A title alone ("President", "the Russian president"): its demonym or place may be a MISC/LOC span,
        # which says nothing about the person. Right only if it stands for the actor named elsewhere.
        # "Finance Minister Wataru Kubo": the title belongs to the person named right after it.
        after = [sp for sp in spans if sp["type"] == "PER" and ce <= sp["start"] <= ce + 2]
        after += [sp for sp in spans if sp["type"] == "PER" and cs - 3 <= sp["end"] <= cs]  # "Jan Buettner, managing director"
        if after and judge_against(actor, after[0]["text"], "name", after[0], False)[1] == "other-person":
            return WRONG, "title-of-other", ov + after[:1]
        if actor_named_in(actor, spans):
            return UNSURE, "title-coref", ov
        if all(t in actor.title_words or t in TITLE_EXTRA for t in fold(form).split()):
            return WRONG, "title-generic", ov
        return UNSURE, "title-unnamed", ov
    if kind == "title":
        ov = [sp for sp in ov if sp["type"] == "PER"] or ov
    if not ov:
        if kind == "title":
            return UNSURE, "title-no-span", []
        return WRONG, "no-span", []
    best = None
    for sp in ov:
        v = judge_against(actor, form, kind, sp, surname_right)
        if best is None or RANK[v[0]] > RANK[best[0]]:
            best = v
    return best[0], best[1], ov


def namesake_in_doc(actor, spans):
    """The document names another person with the actor's surname ("Bill Clinton") and never the actor:
    the actor's bare surname there stands for the other person."""
    other = named = False
    for sp in spans:
        if sp["type"] != "PER" or actor.surname not in fold(sp["text"]).split():
            continue
        v, why = judge_against(actor, sp["text"], "name", sp, False)
        if why == "other-person":
            other = True
        elif v == RIGHT or why == "middle-name":
            named = True
    return other and not named


def clear_types(actor):
    return {"person": {"PER"}, "organization": {"ORG"}, "country": {"LOC", "ORG"}, "place": {"LOC", "ORG"}}.get(
        actor.type, {"PER", "ORG", "LOC"})


def context(text, cs, ce, width=100):
    a, b = max(0, cs - width), min(len(text), ce + width)
    return (text[a:cs] + "[[" + text[cs:ce] + "]]" + text[ce:b]).replace("\n", " / ")


# ---------------------------------------------------------------- quotes locating (as score_quotes.py)
QMARKS = "\"\u201c\u201d\u2018\u2019'\u00ab\u00bb"


def norm_with_map(s):
    out, idx, prev_space = [], [], False
    for i, ch in enumerate(s):
        if ch.isspace():
            if prev_space:
                continue
            ch, prev_space = " ", True
        else:
            prev_space = False
        if ch in QMARKS:
            ch = '"'
        elif ch in "\u2013\u2014":
            ch = "-"
        out.append(ch.lower())
        idx.append(i)
    return "".join(out), idx


def locate(q, text, ntext, nmap, used):
    qt = (q.get("text") or "").strip().strip(QMARKS).strip()
    if not qt:
        return None
    nq, _ = norm_with_map(qt)
    nq = nq.strip()
    for probe in (nq, nq[:60], nq[-60:]):
        if len(probe) < 3:
            continue
        pos = 0
        while True:
            j = ntext.find(probe, pos)
            if j < 0:
                break
            s = nmap[j]
            if (s, probe) not in used:
                used.add((s, probe))
                if probe is nq:
                    return s, nmap[j + len(nq) - 1] + 1
                if probe == nq[:60]:
                    return s, min(len(text), s + len(qt))
                return max(0, nmap[j + len(probe) - 1] + 1 - len(qt)), nmap[j + len(probe) - 1] + 1
            pos = j + 1
    return None


NOMINAL_OPENERS = {"the", "a", "an", "one", "his", "her", "their", "its", "this", "that", "another", "some", "two",
                   "three", "several", "many", "other", "our", "my", "your"}


# Capitalised words that open a speaker text without being a given name ("Neither Cruz", "Actor Clint Howard").
NOT_GIVEN = set("""
neither nor both and but or actor actress year weak telling important hits calls says said when while as if then
after before with without against than from for by to of in on at new old young elder
""".split())


def fold_keep(s):
    """Case and diacritics folded, punctuation kept."""
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(ch for ch in s if not unicodedata.combining(ch)).casefold().translate(FOLD_EXTRA).replace("\u00a0", " ")


def credit_verdict(actor, src, speaker_text):
    """Is a quote credited to `actor` right by its gold source? (True, False or None = cannot tell, reason).
    Gold heads are noisy ("Christie, New Jersey's sitting governor" has the head "Jersey"), hence the
    appositive rule, and single-word heads of a description ("the Vermont senator") cannot tell."""
    # The extractor's own speaker names another person of the actor's surname ("Mike Murphy" as Chris Murphy).
    heads = {t for h in (src or {}).get("head") or [] for t in fold(h).split()}
    raw = [w for w in re.sub(r"['’]s\b", "", speaker_text).split() if fold(w) not in actor.title_words]
    clean = 2 <= len(raw) <= 3 and all(re.fullmatch(r"[^\W\d_][^\W\d_.]*\.?", w) and w[0].isupper() for w in raw)
    if actor.surname and actor.given and clean and fold(raw[-1]) == actor.surname and fold(raw[0]) != actor.given \
            and len(fold(raw[0])) > 1 and fold(raw[0]) not in NOT_GIVEN and not {actor.given, actor.surname} <= heads:
        if not heads:  # "he"/"she" in the gold: the credit may be right though the speaker text is not
            return None, "speaker-namesake-unnamed-gold"
        return False, "speaker-namesake"
    if not src:
        return None, "no-gold-source"
    # The head's last word (the surname) is the actor's, or every head word is the actor's ("Bernie").
    hl = [t for h in src.get("head") or [] for t in fold(h).split()]
    if hl and (hl[-1] in actor.id_tokens or set(hl) <= actor.tokens):
        return True, "head-shares"
    # The source opens with the actor's name and an apposition: "Christie, New Jersey's sitting governor,".
    lead = re.split(r"[,(]|\s[-\u2013\u2014]\s|\swho\b", fold_keep(src.get("text", "")).strip())[0]
    forms = {actor.core(n) for n in [actor.name] + actor.aliases} - {""}
    if actor.surname:
        forms |= {actor.surname, f"{actor.given} {actor.surname}"}
    if actor.core(lead) in forms:
        return True, "appositive"
    text = fold_keep(src.get("text", "")).strip()
    if not heads:
        return None, "unnamed-source"
    raw_heads = [w for h in src.get("head") or [] for w in h.split()]
    if len(raw_heads) >= 2 and all(w[:1].isupper() for w in raw_heads):
        return False, "other-name"
    first = (text.split() or [""])[0]
    if first in NOMINAL_OPENERS:
        return None, "description"
    return False, "other-head"


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the feedwatch binary (or a command line)")
    ap.add_argument("--watchlist", required=True)
    ap.add_argument("--source", required=True, choices=["reuters", "quotes"])
    ap.add_argument("--data", type=Path, help="folder with docs.jsonl (and gold.jsonl for quotes)")
    ap.add_argument("--judgements", action="append", default=[], help="hand judgements JSONL (repeatable)")
    ap.add_argument("--dump-unsure", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--show-wrong", action="store_true", help="print every wrong pair with a context")
    ap.add_argument("--show-misses", action="store_true", help="print every missed clear mention")
    ap.add_argument("--show-quotes", action="store_true", help="print the wrongly credited quotes")
    ap.add_argument("--surname-span-right", action="store_true",
                    help="a surname alone in a PER span of the surname is RIGHT (default UNSURE: namesakes)")
    ap.add_argument("--top", type=int, default=0, help="print only the N actors with most wrong pairs (0: all)")
    a = ap.parse_args()

    data = a.data or DEFAULT_DATA[a.source]
    docs = load_jsonl(data / "docs.jsonl")
    actors = load_watchlist(a.watchlist)
    gold = {g["id"]: g for g in load_jsonl(data / "gold.jsonl")} if a.source == "quotes" else {}
    results = run_extract(a.bin, a.watchlist, docs)

    judgements = {}
    by_name = {fold(x.name): x.id for x in actors.values()}
    for jf in a.judgements:
        for j in load_jsonl(jf):
            v = (j.get("verdict") or "").lower()
            if v not in (RIGHT, WRONG):
                continue
            aid = j.get("actor")
            aid = aid if aid in actors else by_name.get(fold(str(aid)), aid)
            judgements[(str(j.get("doc")), aid)] = (v, j.get("note") or "")

    pairs, misses, clear_total = [], [], defaultdict(lambda: [0, 0])  # clear_total[actor] = [clear, found]
    mismatched = 0
    quote_credits = []
    for doc in docs:
        did, text = str(doc["id"]), doc["text"]
        res = results.get(did) or {}
        rtext = res.get("text", text)
        if rtext != text:
            mismatched += 1
        bmap = byte_to_char_map(rtext)
        spans = doc.get("entities") or []
        found = set()
        for am in res.get("actors") or []:
            actor = actors.get(am["id"])
            if actor is None:
                continue
            found.add(actor.id)
            mentions = []
            for m in am.get("mentions") or []:
                if m.get("sentence") == -1:  # title mention: the title is empty here, but be safe
                    mentions.append({"form": m["form"], "kind": m["kind"], "title": True, "verdict": UNSURE,
                                     "reason": "title-line", "context": m.get("snippet", ""), "spans": []})
                    continue
                cs, ce = b2c(bmap, m["start"]), b2c(bmap, m["end"])
                if rtext != text:  # offsets are into the returned text: find the form in ours nearby
                    k = text.find(m["form"], max(0, cs - 200))
                    if k >= 0:
                        cs, ce = k, k + len(m["form"])
                if a.source == "reuters":
                    v, why, ov = judge_mention(actor, m["form"], m["kind"], cs, ce, spans, a.surname_span_right)
                else:
                    ov = []
                    v, why = (RIGHT, "full-name") if m["kind"] in ("name", "alias") else (UNSURE, "bare-" + m["kind"])
                mentions.append({"form": m["form"], "kind": m["kind"], "start": cs, "end": ce, "verdict": v,
                                 "reason": why, "context": context(text, cs, ce),
                                 "spans": [{"type": s["type"], "text": s["text"], "start": s["start"], "end": s["end"]} for s in ov]})
            vs = [m["verdict"] for m in mentions]
            if (a.source == "reuters" and actor.surname and RIGHT not in vs
                    and all(m["verdict"] == WRONG or m["reason"] == "surname-only" for m in mentions)
                    and namesake_in_doc(actor, spans)):
                for m in mentions:
                    if m["reason"] == "surname-only":
                        m["verdict"], m["reason"] = WRONG, "namesake-in-doc"
                vs = [m["verdict"] for m in mentions]
            if vs and all(v == WRONG for v in vs):
                verdict, reason = WRONG, Counter(m["reason"] for m in mentions).most_common(1)[0][0]
            elif RIGHT in vs:
                verdict, reason = RIGHT, next(m["reason"] for m in mentions if m["verdict"] == RIGHT)
            else:
                verdict, reason = UNSURE, Counter(m["reason"] for m in mentions if m["verdict"] == UNSURE).most_common(1)[0][0] if mentions else "no-mentions"
            auto, auto_reason, by, note = verdict, reason, "auto", ""
            if (did, actor.id) in judgements:
                verdict, note = judgements[(did, actor.id)]
                by, reason = "hand", "hand"
            pairs.append({"doc": did, "actor": actor.id, "name": actor.name, "verdict": verdict, "reason": reason,
                          "by": by, "note": note, "auto": auto, "auto_reason": auto_reason, "mentions": mentions})
        if a.source == "reuters":
            for actor in actors.values():
                types = clear_types(actor)
                clear = [s for s in spans if s["type"] in types and fold(s["text"]) in actor.names]
                if not clear:
                    continue
                clear_total[actor.id][0] += 1
                if actor.id in found:
                    clear_total[actor.id][1] += 1
                else:
                    misses.append({"doc": did, "actor": actor.id, "name": actor.name,
                                   "spans": [{"type": s["type"], "text": s["text"], "start": s["start"], "end": s["end"],
                                              "context": context(text, s["start"], s["end"])} for s in clear]})
        if a.source == "quotes":
            g = gold.get(did) or {"quotes": []}
            ntext, nmap = norm_with_map(text)
            used = set()
            for q in res.get("quotes") or []:
                span = locate(q, text, ntext, nmap, used)
                sp = q.get("speaker") or {}
                aid = sp.get("actor")
                if span is None or aid not in actors:
                    continue
                cands = [(overlap(span, (gq["start"], gq["end"])), gq) for gq in g["quotes"]
                         if overlap(span, (gq["start"], gq["end"])) >= 0.5 * min(span[1] - span[0], gq["end"] - gq["start"])]
                if not cands:
                    continue
                _, gq = max(cands, key=lambda x: x[0])
                src = gq.get("source")
                actor = actors[aid]
                ok, why = credit_verdict(actor, src, sp.get("text") or "")
                quote_credits.append({"doc": did, "actor": aid, "name": actor.name, "quote": q.get("text", ""),
                                      "speaker_text": sp.get("text"), "method": sp.get("method"),
                                      "confidence": sp.get("confidence"),
                                      "gold_source": (src or {}).get("text"), "gold_head": (src or {}).get("head"),
                                      "verdict": {True: RIGHT, False: WRONG, None: "unknown"}[ok], "why": why})
    if mismatched:
        sys.stderr.write(f"[warn] {mismatched} results returned a text different from the input; offsets re-found by form\n")

    # ------------------------------------------------------------ aggregate
    per = {}
    for p in pairs:
        s = per.setdefault(p["actor"], {"name": p["name"], "pairs": 0, RIGHT: 0, WRONG: 0, UNSURE: 0, "hand": 0,
                                         "wrong_reasons": Counter()})
        s["pairs"] += 1
        s[p["verdict"]] += 1
        s["hand"] += p["by"] == "hand"
        if p["verdict"] == WRONG:
            s["wrong_reasons"][p["reason"]] += 1
    for aid, (clear, fnd) in clear_total.items():
        s = per.setdefault(aid, {"name": actors[aid].name, "pairs": 0, RIGHT: 0, WRONG: 0, UNSURE: 0, "hand": 0,
                                 "wrong_reasons": Counter()})
    for aid, s in per.items():
        clear, fnd = clear_total.get(aid, [0, 0])
        s["clear"], s["found"], s["misses"] = clear, fnd, clear - fnd
        s["precision"] = ratio(s[RIGHT], s[RIGHT] + s[WRONG])
        s["recall"] = ratio(fnd, clear)
        s["wrong_reasons"] = dict(s["wrong_reasons"])

    items = defaultdict(set)
    wrong_items = set()
    for p in pairs:
        items[p["doc"]].add(p["actor"])
        if p["verdict"] == WRONG:
            wrong_items.add(p["doc"])
    n_pairs = len(pairs)
    cnt = Counter(p["verdict"] for p in pairs)
    clear_all = sum(c for c, _ in clear_total.values())
    found_all = sum(f for _, f in clear_total.values())
    totals = {
        "docs": len(docs),
        "items_with_actor": len(items),
        "items_with_wrong_actor": ratio(len(wrong_items), len(items)),
        "pairs": n_pairs, RIGHT: cnt[RIGHT], WRONG: cnt[WRONG], UNSURE: cnt[UNSURE],
        "hand_judged": sum(p["by"] == "hand" for p in pairs),
        "pairs_wrong_share": ratio(cnt[WRONG], n_pairs),
        "precision": ratio(cnt[RIGHT], cnt[RIGHT] + cnt[WRONG]),
        "wrong_reasons": dict(Counter(p["reason"] for p in pairs if p["verdict"] == WRONG).most_common()),
        "unsure_reasons": dict(Counter(p["reason"] for p in pairs if p["verdict"] == UNSURE).most_common()),
        "mention_kinds": dict(Counter(m["kind"] for p in pairs for m in p["mentions"]).most_common()),
    }
    if a.source == "reuters":
        totals["recall_clear"] = ratio(found_all, clear_all)
        totals["misses"] = clear_all - found_all
    qsum = None
    if a.source == "quotes":
        qc = Counter(c["verdict"] for c in quote_credits)
        qwhy = dict(Counter(f"{c['verdict']}:{c['why']}" for c in quote_credits).most_common())
        bare = sum(1 for p in pairs if all(m["kind"] in ("surname", "title", "demonym", "capital") for m in p["mentions"]))
        totals["bare_pairs"] = bare
        qsum = {"credited_matched": len(quote_credits), RIGHT: qc[RIGHT], WRONG: qc[WRONG], "unknown": qc["unknown"],
                "precision": ratio(qc[RIGHT], qc[RIGHT] + qc[WRONG]), "by_reason": qwhy,
                "per_actor": {}}
        pa = defaultdict(Counter)
        for c in quote_credits:
            pa[c["actor"]][c["verdict"]] += 1
        for aid, c in pa.items():
            qsum["per_actor"][aid] = {RIGHT: c[RIGHT], WRONG: c[WRONG], "unknown": c["unknown"],
                                      "precision": ratio(c[RIGHT], c[RIGHT] + c[WRONG])}
        totals["quote_credit"] = {k: v for k, v in qsum.items() if k != "per_actor"}

    # ------------------------------------------------------------ print
    print(f"source={a.source} data={data} watchlist={a.watchlist} bin={a.bin}")
    order = sorted(per.items(), key=lambda kv: (-kv[1][WRONG], -kv[1]["pairs"], kv[0]))
    shown = [kv for kv in order if kv[1]["pairs"]]
    if a.top:
        shown = shown[:a.top]
    print(f"\n{'actor':24} {'pairs':>5} {'right':>5} {'wrong':>5} {'unsure':>6} {'miss':>4}  precision [95% CI]")
    for aid, s in shown:
        pr = s["precision"]
        ptxt = f"{pr['value']:.3f} [{pr['ci95'][0]:.3f}, {pr['ci95'][1]:.3f}]" if pr["n"] else "  -"
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(s["wrong_reasons"].items(), key=lambda kv: -kv[1]))
        print(f"{aid[:24]:24} {s['pairs']:5} {s[RIGHT]:5} {s[WRONG]:5} {s[UNSURE]:6} {s['misses']:4}  {ptxt}"
              + (f"  ({reasons})" if reasons else ""))
    only_missed = [(aid, s) for aid, s in order if not s["pairs"] and s["misses"]]
    if only_missed:
        print("actors with misses and no pair: " + ", ".join(f"{aid} {s['misses']}" for aid, s in only_missed))
    print(f"\ndocs={totals['docs']} items with >=1 actor={totals['items_with_actor']} pairs={n_pairs} "
          f"right={cnt[RIGHT]} wrong={cnt[WRONG]} unsure={cnt[UNSURE]} (hand-judged {totals['hand_judged']})")
    print(f"items naming >=1 wrong actor: {fmt_ratio(totals['items_with_wrong_actor'])}")
    print(f"pairs wrong share:            {fmt_ratio(totals['pairs_wrong_share'])}")
    print(f"precision right/(right+wrong): {fmt_ratio(totals['precision'])}")
    if a.source == "reuters":
        print(f"recall of clear mentions:     {fmt_ratio(totals['recall_clear'])}  misses={totals['misses']}")
    print("wrong pairs by reason:  " + (", ".join(f"{k} {v}" for k, v in totals["wrong_reasons"].items()) or "-"))
    print("unsure pairs by reason: " + (", ".join(f"{k} {v}" for k, v in totals["unsure_reasons"].items()) or "-"))
    if a.source == "quotes":
        print(f"bare pairs (only surname/title/demonym/capital mentions): {totals['bare_pairs']}")
        print(f"quote credit: {len(quote_credits)} found quotes credited to a watched actor overlap a gold quote: "
              f"right={qsum[RIGHT]} wrong={qsum[WRONG]} unknown source={qsum['unknown']}; "
              f"precision {fmt_ratio(qsum['precision'])}")
        print("  by reason: " + ", ".join(f"{k} {v}" for k, v in qwhy.items()))
    if a.show_wrong:
        print("\n=== wrong pairs")
        for p in pairs:
            if p["verdict"] == WRONG:
                m = p["mentions"][0]
                sp = "; ".join(f"{s['type']}:{s['text']}" for s in m["spans"]) or "-"
                print(f"  {p['doc']:22} {p['actor']:14} {p['reason']:13} {m['form']!r:18} spans={sp}  «{m['context']}»")
    if a.show_misses and misses:
        print("\n=== misses")
        for x in misses:
            s = x["spans"][0]
            print(f"  {x['doc']:22} {x['actor']:14} {s['type']}:{s['text']!r}  «{s['context']}»")
    if a.show_quotes and qsum:
        print("\n=== wrongly credited quotes")
        for c in quote_credits:
            if c["verdict"] == WRONG:
                print(f"  {c['doc'][:40]:40} {c['actor']:24} «{c['quote'][:60]}» speaker={c['speaker_text']!r} "
                      f"gold source={c['gold_source']!r} ({c['why']})")

    # ------------------------------------------------------------ dump / json / compare
    if a.dump_unsure:
        with open(a.dump_unsure, "w", encoding="utf-8") as f:
            for p in pairs:
                if p["verdict"] != UNSURE:
                    continue
                f.write(json.dumps({"doc": p["doc"], "actor": p["actor"], "name": p["name"], "verdict": None,
                                    "note": "", "reason": p["reason"],
                                    "mentions": [{k: m.get(k) for k in ("form", "kind", "start", "end", "reason", "context", "spans")}
                                                 for m in p["mentions"]]}, ensure_ascii=False) + "\n")
        print(f"\nwrote {cnt[UNSURE]} unsure pairs to {a.dump_unsure}")
    out = {"source": a.source, "data": str(data), "watchlist": str(a.watchlist), "bin": a.bin,
           "title_mode": "empty title, whole text as text",
           "surname_span_right": a.surname_span_right, "judgements": a.judgements,
           "totals": totals, "actors": per, "pairs": pairs, "misses": misses,
           "quotes": {"summary": qsum, "credits": quote_credits} if qsum else None}
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
        print(f"wrote {a.json}")
    if a.compare:
        compare(json.load(open(a.compare, encoding="utf-8")), out)


def compare(before, after):
    print(f"\n=== compare: before {before.get('bin')} -> after {after.get('bin')}")
    if before.get("source") != after.get("source") or before.get("watchlist") != after.get("watchlist"):
        print(f"  [warn] before: {before.get('source')} {before.get('watchlist')}; after: {after.get('source')} {after.get('watchlist')}")

    def pv(s):
        r = (s or {}).get("precision") or {}
        return f"{r['value']:.3f}" if r.get("n") else "-"

    keys = sorted(set(before["actors"]) | set(after["actors"]),
                  key=lambda k: -max(before["actors"].get(k, {}).get(WRONG, 0), after["actors"].get(k, {}).get(WRONG, 0)))
    print(f"{'actor':24} {'pairs':>11} {'right':>11} {'wrong':>11} {'unsure':>11} {'misses':>9}  precision")
    for k in keys:
        b, n = before["actors"].get(k, {}), after["actors"].get(k, {})
        cols = [f"{b.get(f, 0):>4} → {n.get(f, 0):<4}" for f in ("pairs", RIGHT, WRONG, UNSURE)]
        if all(b.get(f, 0) == n.get(f, 0) for f in ("pairs", RIGHT, WRONG, UNSURE, "misses")):
            continue
        print(f"{k[:24]:24} {' '.join(cols)} {b.get('misses', 0):>3} → {n.get('misses', 0):<3}  {pv(b)} → {pv(n)}")
    tb, ta = before["totals"], after["totals"]
    for f in ("items_with_actor", "pairs", RIGHT, WRONG, UNSURE, "misses"):
        if f in tb or f in ta:
            print(f"  {f:28} {tb.get(f, '-')} → {ta.get(f, '-')}")
    for f in ("items_with_wrong_actor", "pairs_wrong_share", "precision", "recall_clear"):
        if f in tb or f in ta:
            print(f"  {f:28} {fmt_ratio(tb.get(f))} → {fmt_ratio(ta.get(f))}")
    if tb.get("quote_credit") or ta.get("quote_credit"):
        print(f"  {'quote credit precision':28} {fmt_ratio((tb.get('quote_credit') or {}).get('precision'))} → "
              f"{fmt_ratio((ta.get('quote_credit') or {}).get('precision'))}")


if __name__ == "__main__":
    main()
