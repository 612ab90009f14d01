#!/usr/bin/env python3
"""5-fold cross-validated macro-F1 on the labelled theme corpus: classify against
scikit-learn's LogisticRegression, on the same folds.

Folds: the train split of seeds/labels.jsonl, stratified by primary theme (within each
primary theme, articles sorted by SHA-256 of their id are dealt to folds 0..4). For
each fold, classify trains with its defaults (`classify train --multi-label`, which
tunes its thresholds on inner folds of the training part) and predicts the held-out
fold; scikit-learn fits TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
min_df=2) + OneVsRestClassifier(LogisticRegression()) on the same training texts and
predicts with its default 0.5 threshold. Macro-F1 is the mean of the three themes'
F1 over the held-out predictions of all folds, computed the same way for both.

Usage: .venv-bench/bin/python scripts/compare_theme_cv.py [--classify .build/release/classify] [--c 1.0]
"""
import argparse
import hashlib
import json
import os
import subprocess
import tempfile

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

THEMES = ["cell-quality", "ideological-education", "member-recruitment"]


def macro_f1(truth, predicted):
    f1s = []
    for theme in THEMES:
        tp = sum(theme in t and theme in p for t, p in zip(truth, predicted))
        fp = sum(theme not in t and theme in p for t, p in zip(truth, predicted))
        fn = sum(theme in t and theme not in p for t, p in zip(truth, predicted))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s), dict(zip(THEMES, f1s))


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--classify", default=os.path.join(root, ".build", "release", "classify"))
    ap.add_argument("--c", type=float, default=1.0, help="C of scikit-learn's LogisticRegression (its default 1.0)")
    args = ap.parse_args()
    rows = [json.loads(l) for l in open(os.path.join(root, "seeds", "labels.jsonl"), encoding="utf-8")]
    rows = [r for r in rows if r["split"] == "train"]
    fold = {}
    for primary in sorted({r["primary"] for r in rows}):
        members = sorted((r for r in rows if r["primary"] == primary), key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
        for position, r in enumerate(members):
            fold[r["id"]] = position % 5
    text = {r["id"]: open(os.path.join(root, r["path"]), encoding="utf-8").read() for r in rows}
    truth, ours, theirs = [], [], []
    with tempfile.TemporaryDirectory() as work:
        for k in range(5):
            train = [r for r in rows if fold[r["id"]] != k]
            test = [r for r in rows if fold[r["id"]] == k]
            train_path, test_path = os.path.join(work, "train.jsonl"), os.path.join(work, "test.jsonl")
            with open(train_path, "w", encoding="utf-8") as f:
                for r in train:
                    f.write(json.dumps({"id": r["id"], "text": text[r["id"]], "labels": r["themes"]}, ensure_ascii=False) + "\n")
            with open(test_path, "w", encoding="utf-8") as f:
                for r in test:
                    f.write(json.dumps({"id": r["id"], "text": text[r["id"]]}, ensure_ascii=False) + "\n")
            model = os.path.join(work, "fold.model")
            subprocess.run([args.classify, "train", "--data", train_path, "--multi-label", "--out", model],
                           check=True, capture_output=True)
            out = subprocess.run([args.classify, "predict", "--model", model, "--format", "jsonl", test_path],
                                 check=True, capture_output=True, text=True).stdout
            predicted = {d["id"]: d["labels"] for d in map(json.loads, out.splitlines())}
            vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, token_pattern=r"(?u)\b\w+\b")
            x = vectorizer.fit_transform([text[r["id"]] for r in train])
            y = [[int(t in r["themes"]) for t in THEMES] for r in train]
            sk = OneVsRestClassifier(LogisticRegression(C=args.c, max_iter=1000)).fit(x, y)
            sk_predicted = sk.predict(vectorizer.transform([text[r["id"]] for r in test]))
            for r, row in zip(test, sk_predicted):
                truth.append(r["themes"])
                ours.append(predicted[r["id"]])
                theirs.append([t for t, on in zip(THEMES, row) if on])
    ours_f1, ours_each = macro_f1(truth, ours)
    sk_f1, sk_each = macro_f1(truth, theirs)
    print(f"{len(truth)} documents, 5 folds (train split of seeds/labels.jsonl)")
    print(f"classify (default training, thresholds tuned on inner folds): macro-F1 {ours_f1:.4f} {json.dumps({k: round(v, 4) for k, v in ours_each.items()})}")
    print(f"scikit-learn TF-IDF + one-vs-rest LogisticRegression(C={args.c}): macro-F1 {sk_f1:.4f} {json.dumps({k: round(v, 4) for k, v in sk_each.items()})}")


if __name__ == "__main__":
    main()
