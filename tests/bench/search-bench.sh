#!/usr/bin/env bash
# Search benchmarks for issue 6 (not part of the test suite):
#   1. index size and bytes per section of the real site;
#   2. `kennis search` latency (median, p95) over the judged queries, on the real site;
#   3. indexing overhead as a share of build time on a generated 10,000-page site, plus its index
#      size and query latency.
#
#   tests/bench/search-bench.sh [RUNS]        (RUNS builds of the large site, default 3)
#
# Environment (all optional):
#   BENCH_DIR         scratch folder                       (default /tmp/search-bench)
#   CARGO_TARGET_DIR  where kennis is built (release)      (default /work/target-search)
#   BENCH_SECTIONS    publication sections of the large site (default 50)
#   BENCH_PAGES       pages per section and language        (default 100)
#   QUERY_ROUNDS      rounds over the judged queries        (default 5)
# Nothing is written inside the repository.
set -euo pipefail

RUNS=${1:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/search-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-search}
SECTIONS=${BENCH_SECTIONS:-50}
PAGES=${BENCH_PAGES:-100}
ROUNDS=${QUERY_ROUNDS:-5}
KENNIS=$CARGO_TARGET_DIR/release/kennis

# CPU time (clock ticks) the whole machine has been busy, from /proc/stat.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
# Timings are only worth something on a quiet machine: wait (at most BENCH_IDLE_WAIT seconds,
# default 600) until it has been at least 90 % idle for one second.
wait_idle() {
    local deadline=$((SECONDS + ${BENCH_IDLE_WAIT:-600})) ticks_per_second cpus before after
    ticks_per_second=$(getconf CLK_TCK); cpus=$(nproc)
    while [ $SECONDS -lt $deadline ]; do
        before=$(busy_ticks); sleep 1; after=$(busy_ticks)
        [ $(( (after - before) * 10 )) -le $(( ticks_per_second * cpus )) ] && return 0
    done
    echo "   (machine still busy after ${BENCH_IDLE_WAIT:-600} s; measuring anyway)"
}

echo "== building kennis (release) into $CARGO_TARGET_DIR"
(cd "$REPO" && cargo build --release --quiet)
mkdir -p "$WORK"

# Bytes and sections of every language's index, from the manifests.
index_sizes() {
    python3 - "$1" <<'PY'
import json, pathlib, sys
total_bytes = total_sections = 0
for manifest in sorted(pathlib.Path(sys.argv[1]).glob("*/search/manifest.json")):
    data = json.loads(manifest.read_text())
    total_bytes += data["bytes"]; total_sections += data["sections"]
    print(f"   {data['language']}: {data['bytes']:,} bytes, {data['sections']:,} sections, "
          f"{data['bytes'] / max(1, data['sections']):,.0f} bytes per section")
print(f"   all: {total_bytes:,} bytes, {total_sections:,} sections, "
      f"{total_bytes / max(1, total_sections):,.0f} bytes per section")
PY
}

echo "== the real site"
"$KENNIS" build --root "$REPO" --output "$WORK/real-public" --quiet
index_sizes "$WORK/real-public"
wait_idle
python3 "$HERE/query-latency.py" --kennis "$KENNIS" --root "$REPO" --output "$WORK/real-public" --rounds "$ROUNDS"

echo "== generated site ($SECTIONS sections x $PAGES pages x 2 languages)"
python3 "$HERE/generate-site.py" --kennis "$WORK/big-site" --hugo "$WORK/big-hugo" \
    --sections "$SECTIONS" --pages "$PAGES" >/dev/null
"$KENNIS" build --root "$WORK/big-site" --output "$WORK/big-public" --quiet >/dev/null 2>&1  # warm-up
for run in $(seq "$RUNS"); do
    sync
    wait_idle
    "$KENNIS" build --root "$WORK/big-site" --output "$WORK/big-public" --quiet 2>&1 | tail -1
done | tee "$WORK/big-builds.txt"
python3 - "$WORK/big-builds.txt" <<'PY'
import re, statistics, sys
runs = [re.search(r"in ([\d.]+) s; search index .* in ([\d.]+) s", line) for line in open(sys.argv[1])]
runs = [(float(m.group(1)), float(m.group(2))) for m in runs if m]
build = statistics.median(total for total, _ in runs)
search = statistics.median(search for _, search in runs)
print(f"   median build {build:.2f} s, of which search indexing {search:.2f} s "
      f"({100 * search / build:.1f} % of the build) over {len(runs)} runs")
PY
index_sizes "$WORK/big-public"
wait_idle
python3 "$HERE/query-latency.py" --kennis "$KENNIS" --root "$WORK/big-site" --output "$WORK/big-public" --rounds 1 \
    | grep -v "hit@3"
