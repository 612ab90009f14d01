#!/usr/bin/env python3
"""Statistics of the labelled theme corpus (seeds/labels.jsonl), for seeds/README.md.

Prints counts per theme, primary theme and split; length in syllables; the type/token
ratio; and the largest 8-gram overlap between any two articles.

Syllables: NFC, lower case, runs of letters and digits. For the overlap, tone marks
are removed (NFD, drop U+0300 U+0301 U+0303 U+0309 U+0323) so that the two
tone-placement styles (hòa / hoà) cannot hide a shared passage; vowel diacritics
(â ơ ư ...) are kept. Standard library only.

Usage: python3 scripts/corpus_stats.py [--manifest seeds/labels.jsonl] [--top 10]
"""
import argparse
import collections
import itertools
import json
import os
import re
import unicodedata

WORD = re.compile(r"[^\W_]+")
TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"), None)


def syllables(text):
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def toneless(syllable):
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", syllable).translate(TONES))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", default="seeds/labels.jsonl")
    ap.add_argument("--top", type=int, default=10, help="how many of the most overlapping pairs to list")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(args.manifest)))
    rows = [json.loads(line) for line in open(args.manifest, encoding="utf-8") if line.strip()]

    print("articles:", len(rows), dict(collections.Counter(r["provenance"] for r in rows)))
    print("primary × split:")
    for (primary, split), count in sorted(collections.Counter((r["primary"], r["split"]) for r in rows).items()):
        print(f"  {primary:24} {split:5} {count}")
    themes = collections.Counter(t for r in rows for t in r["themes"])
    print("articles carrying each theme:", dict(sorted(themes.items())))
    themed = [r for r in rows if r["themes"]]
    multi = sum(1 for r in themed if len(r["themes"]) >= 2)
    print(f"themed articles with 2-3 themes: {multi} of {len(themed)} ({100 * multi / len(themed):.0f}%)")

    texts = {r["id"]: open(os.path.join(root, r["path"]), encoding="utf-8").read() for r in rows}
    tokens = {i: syllables(t) for i, t in texts.items()}
    written = [r["id"] for r in rows if r["provenance"] == "written"]
    lengths = sorted(len(texts[i].split()) for i in written)
    print(f"written articles, words (whitespace tokens): min {lengths[0]}, median {lengths[len(lengths) // 2]}, max {lengths[-1]}")
    all_tokens = [s for i in written for s in tokens[i]]
    print(f"type/token ratio of the written corpus: {len(set(all_tokens))} types / {len(all_tokens)} tokens = {len(set(all_tokens)) / len(all_tokens):.4f}")
    per_doc = [len(set(tokens[i])) / len(tokens[i]) for i in written]
    print(f"mean per-article type/token ratio: {sum(per_doc) / len(per_doc):.3f}")

    grams = {}
    for i, toks in tokens.items():
        flat = [toneless(s) for s in toks]
        grams[i] = set(tuple(flat[k:k + 8]) for k in range(len(flat) - 7))
    owners = collections.defaultdict(set)
    for i, g in grams.items():
        for gram in g:
            owners[gram].add(i)
    shared = collections.Counter()
    examples = {}
    for gram, ids in owners.items():
        if len(ids) < 2:
            continue
        for a, b in itertools.combinations(sorted(ids), 2):
            shared[(a, b)] += 1
            examples.setdefault((a, b), gram)
    print(f"pairs of articles sharing any 8-gram: {len(shared)} of {len(rows) * (len(rows) - 1) // 2}")
    for (a, b), count in shared.most_common(args.top):
        share = count / max(1, min(len(grams[a]), len(grams[b])))
        print(f"  {a} ~ {b}: {count} shared 8-grams ({100 * share:.1f}% of the shorter), e.g. '{' '.join(examples[(a, b)])}'")
    if not shared:
        print("  none")


if __name__ == "__main__":
    main()
