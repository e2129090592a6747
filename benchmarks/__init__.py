"""Tooling, not runtime: `make bench` (bench.py) and the corpus it runs on (corpus.py).

Run from the checkout (`python -m benchmarks`); the installed `pipeline` package
does not include it. Generated corpora go to `bench/corpus/` (ignored by git).
"""
