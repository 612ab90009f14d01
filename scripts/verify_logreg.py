#!/usr/bin/env python3
"""Checks our softmax fit against scikit-learn's LogisticRegression on the same features.

Given an svmlight file (one row per document: "<class> <column>:<value> ...", columns
1-based, as our code exports them) and the mean training log-loss our trainer reported
for the same features and C, this fits

    LogisticRegression(C=C, solver="lbfgs", max_iter=5000, tol=1e-8)

(multinomial for three or more classes, intercept not penalized: the objective
C * sum_i log_loss_i + 0.5 * ||W||^2 that our softmax model minimizes), prints both mean
training log-losses and their relative difference, and exits with status 1 when the
difference is 1% or more.

Our side: `classify vectorize DATA --matrix FEATURES.svm` writes the features (every
row labelled 0: replace the first field of row i with the class index of document i),
and `classify train --data DATA --c C --validation 0` ends by printing its mean
training log-loss (logistic models) on stderr. Measured on 2026-11-21 on the first
5,000 articles of vietnews-topics' train split, C = 1: ours 0.180276, scikit-learn
0.180430, a relative difference of 0.085%.

Usage:
    .venv-bench/bin/python scripts/verify_logreg.py FEATURES.svm --c 1 --our-log-loss 0.1234
        [--our-objective 5678.9] [--n-features N] [--tolerance 0.01]

Needs scikit-learn (python3 -m venv .venv-bench && .venv-bench/bin/pip install scikit-learn).
Not a test dependency: run it by hand when the optimizer changes.
"""

import argparse
import sys
import time

import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("features", help="svmlight file: class, then 1-based column:value pairs")
    parser.add_argument("--c", type=float, required=True, help="inverse regularization strength C")
    parser.add_argument("--our-log-loss", type=float, required=True, help="our mean training log-loss (nats)")
    parser.add_argument("--our-objective", type=float, help="our final objective C*sum(loss) + 0.5*||W||^2")
    parser.add_argument("--n-features", type=int, help="number of columns (default: the largest index seen)")
    parser.add_argument("--tolerance", type=float, default=0.01, help="largest accepted relative difference")
    args = parser.parse_args()

    x, y = load_svmlight_file(args.features, n_features=args.n_features, zero_based=False, dtype=np.float64)
    y = y.astype(int)
    print(f"features: {x.shape[0]} rows x {x.shape[1]} columns, {x.nnz} non-zeros, {len(np.unique(y))} classes")

    start = time.perf_counter()
    model = LogisticRegression(C=args.c, solver="lbfgs", max_iter=5000, tol=1e-8)
    model.fit(x, y)
    seconds = time.perf_counter() - start
    probabilities = model.predict_proba(x)
    theirs = log_loss(y, probabilities, labels=model.classes_)
    # The same objective as ours: C * sum of per-row log-losses + 0.5 * ||W||^2.
    objective = args.c * theirs * x.shape[0] + 0.5 * float(np.sum(model.coef_ ** 2))

    relative = abs(args.our_log_loss - theirs) / theirs
    print(f"scikit-learn: log-loss {theirs:.8f}, objective {objective:.6f}, "
          f"{int(np.max(model.n_iter_))} iterations, {seconds:.1f} s")
    print(f"ours:         log-loss {args.our_log_loss:.8f}"
          + (f", objective {args.our_objective:.6f}" if args.our_objective is not None else ""))
    if args.our_objective is not None:
        print(f"objective relative difference: {(args.our_objective - objective) / objective:+.3e}")
    print(f"log-loss relative difference: {relative:.3e} ({relative * 100:.3f}%), "
          f"{'OK' if relative < args.tolerance else 'TOO LARGE'} (limit {args.tolerance * 100:g}%)")
    return 0 if relative < args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
