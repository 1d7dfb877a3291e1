#!/usr/bin/env python3
"""CLI query latency of `kennis search` over the judged queries (issue 6 benchmark; not a test).

Runs every query of tests/search/judged.toml ROUNDS times as a separate `kennis search --json`
process (so each run opens the index, as a reader of the command line does), measures wall time,
and prints the median, p95 and maximum, plus hit@3 and MRR@10 as the command line sees them.

    tests/bench/query-latency.py --kennis target/release/kennis --root . --output /tmp/site [--rounds 5]
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kennis", required=True)
    parser.add_argument("--root", default=str(REPO))
    parser.add_argument("--output", required=True, help="the built site")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--judged", default=str(REPO / "tests/search/judged.toml"))
    args = parser.parse_args()

    queries = tomllib.loads(Path(args.judged).read_text())["query"]
    timings = []
    hits, reciprocal = 0, 0.0
    for round_number in range(args.rounds):
        for query in queries:
            command = [args.kennis, "search", "--root", args.root, "--output", args.output,
                       "--json", "--limit", "10", query["q"]]
            started = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True)
            timings.append((time.perf_counter() - started) * 1000)
            if result.returncode != 0:
                sys.exit(f"kennis search failed for {query['q']!r}: {result.stderr}")
            if round_number == 0:
                urls = [hit["url"] for hit in json.loads(result.stdout)]
                rank = urls.index(query["expect"]) + 1 if query["expect"] in urls else None
                hits += bool(rank and rank <= 3)
                reciprocal += 1 / rank if rank else 0
    print(f"queries: {len(queries)} x {args.rounds} rounds = {len(timings)} runs of kennis search")
    print(f"latency ms: median {statistics.median(timings):.1f}, p95 {percentile(timings, 0.95):.1f}, "
          f"max {max(timings):.1f}")
    print(f"hit@3 {hits / len(queries):.3f}, MRR@10 {reciprocal / len(queries):.3f}")


if __name__ == "__main__":
    main()
