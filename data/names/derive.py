#!/usr/bin/env python3
"""Derives the tables in data/names/ from the original public data files (see SOURCE.md).

    python3 data/names/derive.py RAW_DIR

RAW_DIR must hold, exactly as SOURCE.md says where each comes from:
    us-surnames.csv            US Census Bureau 2010 surnames, "NAME,COUNT" (as in dsroche/jane-doe)
    ssa/yob1880.txt ...        US Social Security Administration national baby-name files, "Name,M|F,count"
    gb-1grams_english.csv      Google Books Ngram (v3) English 1-grams, "ngram,freq,cumshare" (orgtre)
    scowl-final/english-words.10 ...  SCOWL final lists {english,american,british,british_z}-words.{10,20,35,40,50}
    intl-forenames.csv         popular given names by country (sigpwned/popular-names-by-country-dataset)
    intl-surnames.csv          common surnames by country (same repository)

Every name and word is normalised as the Extractor's Normalization.fold does (NFKC, lower case,
diacritics removed, ł ø đ ß æ œ ı þ ħ ŧ ŀ ð spelt out) and kept only if it is then made of a-z with
an inner hyphen or apostrophe at most. Run again only to refresh the tables; the output is committed.
"""
import csv
import pathlib
import re
import sys
import unicodedata
from collections import defaultdict

OUT = pathlib.Path(__file__).resolve().parent

SURNAME_LIMIT = 10_000
GIVEN_NAME_LIMIT = 6_000
SCOWL_SIZES = (10, 20, 35, 40, 50)
SCOWL_VARIETIES = ("english", "american", "british", "british_z")

# Persons covered by the 2010 Census surname tabulation, including "ALL OTHER NAMES". The Census
# files publish PROPORTION PER 100,000 POPULATION rounded to 0.1; the 13 most common surnames'
# counts and proportions (Smith 2,442,977 and 828.2, Johnson 1,932,812 and 655.2, ...) bound this
# total to 294,975,685 .. 294,981,371; the midpoint is used (error under 0.001 %).
CENSUS_2010_TOTAL = 294_978_528

LETTER_FOLDS = {
    "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ħ": "h",
    "ŧ": "t", "ŀ": "l", "ð": "d",
}
VALID = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")


def fold(word: str) -> str:
    s = unicodedata.normalize("NFKC", word.replace("\u00a0", " ").strip()).lower()
    s = "".join(ch for ch in unicodedata.normalize("NFD", s) if unicodedata.category(ch) != "Mn")
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u2019", "'")
    return "".join(LETTER_FOLDS.get(ch, ch) for ch in s)


def valid(word: str) -> bool:
    return bool(VALID.match(word))


def competition_ranks(counts):
    """1-based ranks for counts sorted in descending order; equal counts share a rank."""
    ranks, previous, rank = [], None, 0
    for i, c in enumerate(counts):
        if c != previous:
            rank, previous = i + 1, c
        ranks.append(rank)
    return ranks


def surnames(raw: pathlib.Path):
    rows = []
    with open(raw / "us-surnames.csv", newline="", encoding="utf-8") as f:
        for name, count in csv.reader(f):
            rows.append((name, int(count)))
    # The Census order is by count; ranks follow it with ties shared (as the Census ranks them).
    rows.sort(key=lambda r: (-r[1], r[0]))
    ranks = competition_ranks([c for _, c in rows])
    out, seen = [], set()
    for (name, count), rank in zip(rows, ranks):
        if rank > SURNAME_LIMIT:
            break
        n = fold(name)
        if not valid(n) or n in seen:
            continue
        seen.add(n)
        out.append((n, rank, count, count * 100_000 / CENSUS_2010_TOTAL))
    with open(OUT / "surnames.tsv", "w", encoding="utf-8") as f:
        f.write("# surname\trank\tcount\tper_100k\n")
        for n, rank, count, per in out:
            f.write(f"{n}\t{rank}\t{count}\t{per:.2f}\n")
    return len(out)


def given_names(raw: pathlib.Path):
    totals = defaultdict(lambda: [0, 0])
    files = sorted((raw / "ssa").glob("yob*.txt"))
    for path in files:
        with open(path, newline="", encoding="utf-8") as f:
            for name, sex, count in csv.reader(f):
                n = fold(name)
                if not valid(n):
                    continue
                totals[n][0 if sex == "M" else 1] += int(count)
    rows = sorted(totals.items(), key=lambda kv: (-(kv[1][0] + kv[1][1]), kv[0]))[:GIVEN_NAME_LIMIT]
    with open(OUT / "given-names.tsv", "w", encoding="utf-8") as f:
        f.write(f"# name\tmale\tfemale   (US SSA births {files[0].stem[3:]}-{files[-1].stem[3:]}, by total)\n")
        for n, (m, w) in rows:
            f.write(f"{n}\t{m}\t{w}\n")
    return len(rows)


def common_words(raw: pathlib.Path):
    ranked = []  # (word, rank, source)
    seen = set()
    with open(raw / "gb-1grams_english.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for row in reader:
            w = row["ngram"]
            if w != w.lower():
                continue  # a capitalised form ("I", kept-upper exceptions): not a lower-case word
            n = fold(w)
            if not valid(n) or n in seen:
                continue
            seen.add(n)
            ranked.append((n, len(ranked) + 1, "gb"))
    for size in SCOWL_SIZES:
        tier_rank = len(ranked) + 1
        tier = []
        lines = []
        for variety in SCOWL_VARIETIES:
            path = raw / "scowl-final" / f"{variety}-words.{size}"
            if path.exists():
                lines += open(path, encoding="utf-8").read().split("\n")
        for line in lines:
            w = line.strip()
            if not w or w != w.lower() or w.endswith("'s"):
                continue  # capitalised entries and possessives are not wanted
            n = fold(w)
            if not valid(n) or n in seen:
                continue
            seen.add(n)
            tier.append(n)
        for n in sorted(tier):
            ranked.append((n, tier_rank, f"scowl{size}"))
    with open(OUT / "common-words.txt", "w", encoding="utf-8") as f:
        f.write("# Common lower-case English words, one a line, most frequent first.\n"
                "# A line '=ranked SOURCE START' begins words ranked START, START+1, ... in frequency order;\n"
                "# a line '=shared SOURCE RANK' begins words (alphabetical) that all share RANK.\n")
        current = None
        for n, rank, source in ranked:
            if source != current:
                current = source
                kind = "ranked" if source == "gb" else "shared"
                f.write(f"={kind} {source} {rank}\n")
            f.write(n + "\n")
    return len(ranked)


def split_names(field: str):
    field = field.replace("\u00a0", " ").strip()
    for part in field.split("/"):
        part = part.strip()
        if part and " " not in part:
            yield part


def international(raw: pathlib.Path):
    given = defaultdict(lambda: [set(), set()])  # name -> [countries as male, countries as female]
    with open(raw / "intl-forenames.csv", newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            for field in (row["Romanized Name"], row["Localized Name"]):
                for part in split_names(field):
                    n = fold(part)
                    if valid(n):
                        given[n][0 if row["Gender"] == "M" else 1].add(row["Country"])
    with open(OUT / "given-names-intl.tsv", "w", encoding="utf-8") as f:
        f.write("# name\tcountries_male\tcountries_female   (popular given names by country)\n")
        for n in sorted(given):
            m, w = given[n]
            f.write(f"{n}\t{','.join(sorted(m)) or '-'}\t{','.join(sorted(w)) or '-'}\n")
    sur = defaultdict(set)
    with open(raw / "intl-surnames.csv", newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            for field in (row["Romanized Name"], row["Localized Name"]):
                for part in split_names(field):
                    n = fold(part)
                    if valid(n):
                        sur[n].add(row["Country"])
    with open(OUT / "surnames-intl.tsv", "w", encoding="utf-8") as f:
        f.write("# surname\tcountries   (common surnames by country)\n")
        for n in sorted(sur):
            f.write(f"{n}\t{','.join(sorted(sur[n]))}\n")
    return len(given), len(sur)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    raw = pathlib.Path(sys.argv[1])
    print("surnames", surnames(raw))
    print("given names", given_names(raw))
    print("common words", common_words(raw))
    print("international given names, surnames", international(raw))


if __name__ == "__main__":
    main()
