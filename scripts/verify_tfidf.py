#!/usr/bin/env python3
"""Checks classify's TF-IDF against scikit-learn's TfidfVectorizer on the same tokens.

Takes the first N bodies of a VietNews JSONL file (default 1,000), has `classify
vectorize --raw` fit TF-IDF on them and export each document's n-grams, its vocabulary
(with idf) and its matrix, then fits scikit-learn's TfidfVectorizer on exactly those
n-gram lists (analyzer = the identity) with the same options, and compares:
the vocabulary, every idf, and every tf-idf value. Prints the largest differences and
exits 1 if any is 1e-5 or more.

Not a test dependency: it needs scikit-learn and the benchmark corpus.

Usage:
  .venv-bench/bin/python scripts/verify_tfidf.py [--data ../shared/data/vietnews-val.jsonl.xz]
        [--limit 1000] [--classify .build/release/classify] [--min-df 2] [--ngrams 1-2]
"""
import argparse
import json
import lzma
import os
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(here, "..", "shared", "data", "vietnews-val.jsonl.xz"))
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--classify", default=os.path.join(here, ".build", "release", "classify"))
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--ngrams", default="1-2")
    args = ap.parse_args()

    opener = lzma.open if args.data.endswith(".xz") else open
    with opener(args.data, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for _, line in zip(range(args.limit), f)]
    with tempfile.TemporaryDirectory() as work:
        corpus = os.path.join(work, "corpus.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d["id"], "text": d["body"]}, ensure_ascii=False) + "\n")
        vocab_path, matrix_path, features_path = (os.path.join(work, n) for n in ("vocab.tsv", "matrix.svmlight", "features.jsonl"))
        subprocess.run([args.classify, "vectorize", "--raw", "--ngrams", args.ngrams, "--min-df", str(args.min_df),
                        "--vocabulary", vocab_path, "--matrix", matrix_path, "--features", features_path, corpus], check=True)
        features = [json.loads(line)["features"] for line in open(features_path, encoding="utf-8")]
        ours_vocab, ours_idf = [], []
        for line in open(vocab_path, encoding="utf-8").read().splitlines()[1:]:
            _, text, _, idf = line.split("\t")
            ours_vocab.append(text)
            ours_idf.append(float(idf))
        rows = []
        for line in open(matrix_path, encoding="utf-8"):
            rows.append({int(c) - 1: float(v) for c, v in (p.split(":") for p in line.split()[1:])})

    sk = TfidfVectorizer(analyzer=lambda tokens: tokens, min_df=args.min_df, sublinear_tf=True, smooth_idf=True, norm="l2")
    matrix = sk.fit_transform(features).tocsr()
    sk_vocab = sk.get_feature_names_out().tolist()

    ok = True
    print(f"documents: {len(features)}; features: ours {len(ours_vocab)}, scikit-learn {len(sk_vocab)}")
    if ours_vocab != sk_vocab:
        missing = set(sk_vocab) - set(ours_vocab)
        extra = set(ours_vocab) - set(sk_vocab)
        print(f"vocabulary differs: {len(missing)} only in scikit-learn, {len(extra)} only in ours; order equal: False")
        ok = False
    else:
        print("vocabulary: identical, same order")
    index = {text: i for i, text in enumerate(sk_vocab)}
    idf_diff = max(abs(ours_idf[c] - sk.idf_[index[t]]) for c, t in enumerate(ours_vocab) if t in index)
    print(f"largest idf difference: {idf_diff:.2e}")
    worst = 0.0
    for r, row in enumerate(rows):
        sk_row = {sk_vocab[j]: v for j, v in zip(matrix.indices[matrix.indptr[r]:matrix.indptr[r + 1]],
                                                 matrix.data[matrix.indptr[r]:matrix.indptr[r + 1]])}
        ours_row = {ours_vocab[c]: v for c, v in row.items()}
        for term in set(sk_row) | set(ours_row):
            worst = max(worst, abs(sk_row.get(term, 0.0) - ours_row.get(term, 0.0)))
    print(f"largest tf-idf difference: {worst:.2e}")
    ok = ok and idf_diff < 1e-5 and worst < 1e-5
    print("agreement within 1e-5:", "yes" if ok else "NO")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
