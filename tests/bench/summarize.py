#!/usr/bin/env python3
"""Turn the logs of build-bench.sh into a Markdown table.

    tests/bench/summarize.py LOGS_DIR RUNS

Reads NAME-I.time (`/usr/bin/time -v` output) and NAME-I.foreign (CPU seconds the rest of the
machine used during that run) for NAME in kennis, hugo and I in 1..RUNS, plus header.md and
files.md that build-bench.sh writes beside them (machine, versions, output file counts).
"""

import re
import statistics
import sys
from pathlib import Path

NAMES = ("kennis", "hugo")


def parse(path):
    text = path.read_text()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)

    def field(name):
        return float(re.search(re.escape(name) + r".*: (\S+)", text).group(1).rstrip("%"))

    return {
        "wall": seconds,
        "rss": field("Maximum resident set size") / 1024,
        "user": field("User time (seconds)"),
        "sys": field("System time (seconds)"),
        "cpu": field("Percent of CPU this job got"),
        "foreign": float(path.with_suffix(".foreign").read_text()),
    }


def disturbed(run):
    """Other processes used more than 10 % of the build's own CPU time (and at least 0.5 s)."""
    return run["foreign"] > max(0.5, 0.1 * (run["user"] + run["sys"]))


def main():
    logs, runs = Path(sys.argv[1]), int(sys.argv[2])
    data = {name: [parse(logs / f"{name}-{i}.time") for i in range(1, runs + 1)] for name in NAMES}

    print("## Build benchmark: kennis vs Hugo")
    print()
    print((logs / "header.md").read_text().rstrip())
    print()
    print("| | kennis | hugo | kennis / hugo |")
    print("|---|--:|--:|--:|")

    def row(label, values, fmt, ratio=True):
        k, h = values("kennis"), values("hugo")
        if k is None or h is None:
            print(f"| {label} | {'–' if k is None else fmt.format(k)} | {'–' if h is None else fmt.format(h)} | |")
            return
        share = f"{k / h:.2f}" if ratio and h else ""
        print(f"| {label} | {fmt.format(k)} | {fmt.format(h)} | {share} |")

    def median(key, only_quiet=False):
        def values(name):
            chosen = [r[key] for r in data[name] if not (only_quiet and disturbed(r))]
            return statistics.median(chosen) if chosen else None
        return values

    quiet = {name: sum(not disturbed(r) for r in data[name]) for name in NAMES}
    row("median wall time (s)", median("wall"), "{:.2f}")
    row("min wall time (s)", lambda name: min(r["wall"] for r in data[name]), "{:.2f}")
    row(f"median wall time of undisturbed runs (s) [kennis {quiet['kennis']}, hugo {quiet['hugo']} runs]",
        median("wall", only_quiet=True), "{:.2f}")
    row("median peak RSS (MiB)", median("rss"), "{:.0f}")
    row("max peak RSS (MiB)", lambda name: max(r["rss"] for r in data[name]), "{:.0f}")
    row("median user CPU (s)", median("user"), "{:.2f}")
    row("median system CPU (s)", median("sys"), "{:.2f}")
    row("median CPU use (%)", median("cpu"), "{:.0f}")
    row("median CPU s used by other processes", median("foreign"), "{:.2f}", ratio=False)
    print((logs / "files.md").read_text().rstrip())
    print()
    print("Per run (wall s / peak RSS MiB / CPU s used by other processes meanwhile):")
    print()
    for name in NAMES:
        print(f"- {name}: " + ", ".join(
            f"{r['wall']:.2f} / {r['rss']:.0f} / {r['foreign']:.1f}" for r in data[name]))
    busy = [f"{name} run {i + 1}" for name in NAMES for i, r in enumerate(data[name]) if disturbed(r)]
    if busy:
        print()
        print("Disturbed runs (other processes used more than 10 % of the build's own CPU time, and "
              "at least 0.5 s): " + ", ".join(busy) + ". Their wall times are less reliable; user CPU "
              "time and peak RSS hardly depend on other load.")


if __name__ == "__main__":
    main()
