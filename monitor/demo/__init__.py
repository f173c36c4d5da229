"""Trying signwatch without the network: the offline mirror, a local alert sink, and the demo.

Infrastructure for tests, benchmarks and the quickstart; signwatch's own job
never imports from here.
"""
