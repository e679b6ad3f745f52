"""Benchmarks (not tests): ``python -m bench [NAME ...]``, or ``make bench``.

See docs/performance.md.
"""
