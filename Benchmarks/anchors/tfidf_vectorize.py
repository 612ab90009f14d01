#!/usr/bin/env python3
"""Anchor: scikit-learn's TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
fit_transform on the bodies of a VietNews JSONL file, timed like the Swift benchmark
(loading excluded). Prints one JSON line: seconds, MB/s, features, peak RSS (MB).

Usage: python tfidf_vectorize.py vietnews-val.jsonl[.xz] [--field body] [--limit N]
"""
import argparse
import json
import lzma
import resource
import time

from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--field", default="body")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    opener = lzma.open if args.data.endswith(".xz") else open
    texts = []
    with opener(args.data, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)[args.field])
                if args.limit and len(texts) >= args.limit:
                    break
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, lowercase=True,
                                 token_pattern=r"(?u)\b\w+\b")
    start = time.perf_counter()
    matrix = vectorizer.fit_transform(texts)
    seconds = time.perf_counter() - start
    print(json.dumps({"docs": len(texts), "mb": megabytes, "seconds": seconds, "mb_per_s": megabytes / seconds,
                      "features": matrix.shape[1], "nnz": int(matrix.nnz),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
