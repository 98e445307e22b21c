"""Benchmark harness of the pipeline (run_bench.py) and its corpus generator (corpus.py)."""
