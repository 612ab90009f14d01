#!/usr/bin/env python3
"""Anchor: a cold process that loads a saved model and predicts one article, as
`classify predict FILE` does: scikit-learn (a pickled (vectorizer, classifier) pair,
loaded with joblib) or fastText (a .bin). Prints one JSON line with the seconds spent
loading and predicting inside the process; the caller times the whole process.

Usage: python cold_predict.py sklearn MODEL.pkl ARTICLE.txt
       python cold_predict.py fasttext MODEL.bin ARTICLE.txt
"""
import json
import sys
import time

kind, model_path, article_path = sys.argv[1:4]
text = open(article_path, encoding="utf-8").read()
start = time.perf_counter()
if kind == "sklearn":
    import joblib
    vectorizer, classifier = joblib.load(model_path)
    loaded = time.perf_counter()
    label = classifier.predict(vectorizer.transform([text]))[0]
else:
    import fasttext
    model = fasttext.load_model(model_path)
    loaded = time.perf_counter()
    label = model.predict(text.lower().replace("\n", " "))[0][0]
done = time.perf_counter()
print(json.dumps({"load_s": loaded - start, "predict_s": done - loaded, "label": str(label)}))
