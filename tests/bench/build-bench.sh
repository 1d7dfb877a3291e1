#!/usr/bin/env bash
# Build-time benchmark: kennis against Hugo on the same generated 10,000-page bilingual site.
#
#   tests/bench/build-bench.sh [RUNS]        (RUNS defaults to 5)
#
# Environment (all optional):
#   BENCH_DIR         scratch folder for sites, outputs and logs   (default /tmp/bench)
#   CARGO_TARGET_DIR  where kennis is built                         (default /work/target-bench)
#   BENCH_SECTIONS    publication sections                          (default 50)
#   BENCH_PAGES       pages per section and language                (default 100)
#   HUGO              the hugo binary                               (default: hugo on PATH)
#   KENNIS_REV        the kennis revision to measure                (default HEAD)
#                     It is exported with `git archive` into $BENCH_DIR/kennis-src and built there,
#                     so uncommitted work in the checkout does not leak into the numbers; its
#                     site.toml, themes/ and publications are used for the generated site too.
#                     KENNIS_REV=worktree measures the checkout as it is instead.
#
# Every build runs under /usr/bin/time -v with a clean output folder; the first build of each
# generator is a warm-up (file cache, and a check that it succeeds) and is not counted. Runs
# alternate between the generators and swap who goes first every round.
set -euo pipefail

RUNS=${1:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-bench}
SECTIONS=${BENCH_SECTIONS:-50}
PAGES=${BENCH_PAGES:-100}
HUGO=${HUGO:-hugo}
KENNIS_REV=${KENNIS_REV:-HEAD}
KENNIS=$CARGO_TARGET_DIR/release/kennis

KSITE=$WORK/kennis-site
HSITE=$WORK/hugo-site
KOUT=$WORK/kennis-public
HOUT=$WORK/hugo-public
HCACHE=$WORK/hugo-cache
LOGS=$WORK/logs

die() { echo "build-bench: $*" >&2; exit 1; }

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"
command -v "$HUGO" >/dev/null || die "hugo is missing (apt-get update && apt-get install -y hugo)"
command -v python3 >/dev/null || die "python3 is missing"

mkdir -p "$WORK"
rm -rf "$LOGS" && mkdir -p "$LOGS"

if [ "$KENNIS_REV" = worktree ]; then
    SRC=$REPO
    KREV=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ -n "$(git -C "$REPO" status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null)" ]; then
        KREV="$KREV+uncommitted-changes"
    fi
else
    SRC=$WORK/kennis-src
    KREV=$(git -C "$REPO" rev-parse --short "$KENNIS_REV^{commit}") || die "unknown revision $KENNIS_REV"
    echo "== exporting kennis $KREV into $SRC"
    rm -rf "$SRC" && mkdir -p "$SRC"
    git -C "$REPO" archive --format=tar "$KREV" | tar -x -C "$SRC"
fi

echo "== building kennis (release) from $SRC into $CARGO_TARGET_DIR"
(cd "$SRC" && cargo build --release --quiet --bin kennis)

echo "== generating sites ($SECTIONS sections x $PAGES pages x 2 languages) in $WORK"
python3 "$HERE/generate-site.py" --repo "$SRC" --kennis "$KSITE" --hugo "$HSITE" \
    --sections "$SECTIONS" --pages "$PAGES"
echo "   content: kennis $(du -sh "$KSITE/content" | cut -f1), hugo $(du -sh "$HSITE/content" | cut -f1)"

clean_kennis() { rm -rf "$KOUT"; }
clean_hugo() { rm -rf "$HOUT" "$HCACHE" "$HSITE/resources" "$HSITE/.hugo_build.lock"; }

# CPU time (in clock ticks) the whole machine has been busy, from /proc/stat.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# The machine may be shared (other builds): before each run, wait until it has been at least 90 %
# idle for a second (at most BENCH_IDLE_WAIT seconds, default 600), so runs measure the generator.
wait_idle() {
    local waited=0 limit=${BENCH_IDLE_WAIT:-600} hz cpus before after
    hz=$(getconf CLK_TCK); cpus=$(nproc)
    while :; do
        before=$(busy_ticks); sleep 1; after=$(busy_ticks)
        if [ $(( (after - before) * 10 )) -le $(( hz * cpus )) ]; then return 0; fi
        if [ "$waited" -ge "$limit" ]; then
            echo "   (machine still busy after ${limit}s; measuring anyway)" >&2; return 0
        fi
        [ "$waited" -eq 0 ] && echo "   (waiting for the machine to become idle ...)" >&2
        sleep 4; waited=$((waited + 5))
    done
}

# run_one NAME LABEL: one clean build under /usr/bin/time; fails loudly with the tool's own output.
# Also records the CPU seconds the rest of the machine used during the run (NAME-LABEL.foreign).
run_one() {
    local name=$1 label=$2
    local timefile=$LOGS/$name-$label.time logfile=$LOGS/$name-$label.log
    local before after
    if [ "$name" = kennis ]; then clean_kennis; else clean_hugo; fi
    sync  # flush the previous output's writeback so it does not land in this run
    wait_idle
    before=$(busy_ticks)
    if [ "$name" = kennis ]; then
        /usr/bin/time -v -o "$timefile" "$KENNIS" build --root "$KSITE" --output "$KOUT" --quiet \
            >"$logfile" 2>&1 || { cat "$logfile" >&2; die "kennis build failed (log: $logfile)"; }
    else
        /usr/bin/time -v -o "$timefile" "$HUGO" --source "$HSITE" --destination "$HOUT" \
            --cacheDir "$HCACHE" --quiet \
            >"$logfile" 2>&1 || { cat "$logfile" >&2; die "hugo build failed (log: $logfile)"; }
    fi
    after=$(busy_ticks)
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
        /User time/ { own += $NF } /System time/ { own += $NF }
        END { foreign = ticks / hz - own; printf "%.2f\n", foreign < 0 ? 0 : foreign }' \
        "$timefile" >"$LOGS/$name-$label.foreign"
}

echo "== warm-up builds (not counted)"
run_one kennis warmup
run_one hugo warmup
sync

echo "== $RUNS measured runs each"
for i in $(seq 1 "$RUNS"); do
    if [ $((i % 2)) -eq 1 ]; then order="kennis hugo"; else order="hugo kennis"; fi
    for name in $order; do
        run_one "$name" "$i"
        printf '   run %d %-6s %s s, %s KiB peak RSS, other processes used %s CPU s\n' "$i" "$name" \
            "$(grep -F 'Elapsed' "$LOGS/$name-$i.time" | awk '{print $NF}')" \
            "$(grep -F 'Maximum resident' "$LOGS/$name-$i.time" | awk '{print $NF}')" \
            "$(cat "$LOGS/$name-$i.foreign")"
    done
done

# Where kennis spends its time: one more (uncounted) build with its progress lines time-stamped.
clean_kennis
sync
wait_idle
python3 - "$KENNIS" "$KSITE" "$KOUT" >"$LOGS/kennis-stages.txt" <<'EOF'
import subprocess, sys, time
kennis, root, out = sys.argv[1:]
start = time.monotonic()
proc = subprocess.Popen([kennis, "build", "--root", root, "--output", out],
                        stderr=subprocess.PIPE, text=True)
last, previous = start, None
for line in proc.stderr:
    now = time.monotonic()
    if previous is not None:
        print(f"{now - last:8.3f} s  {previous}")
    previous, last = line.strip(), now
proc.wait()
print(f"{time.monotonic() - last:8.3f} s  {previous}  (until exit)")
print(f"{time.monotonic() - start:8.3f} s  total, exit code {proc.returncode}")
EOF

count_html() { find "$1" -name '*.html' | wc -l; }
count_files() { find "$1" -type f | wc -l; }

cat >"$LOGS/header.md" <<EOF
- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo), Linux $(uname -r)
- kennis: $KREV ($("$KENNIS" --version)), release build
- hugo: $("$HUGO" version | cut -d' ' -f1-2)
- site: $SECTIONS sections x $PAGES pages x 2 languages; $(find "$KSITE/content" -name '*.md' | wc -l) Markdown files ($(du -sh "$KSITE/content" | cut -f1))
- runs: $RUNS per generator after one warm-up each, alternating, clean output every run
EOF
cat >"$LOGS/files.md" <<EOF
| HTML files written | $(count_html "$KOUT") | $(count_html "$HOUT") | |
| all files written | $(count_files "$KOUT") | $(count_files "$HOUT") | |
| output size | $(du -sh "$KOUT" | cut -f1) | $(du -sh "$HOUT" | cut -f1) | |
EOF
python3 "$HERE/summarize.py" "$LOGS" "$RUNS" >"$WORK/results.md"

cat "$WORK/results.md"
echo
echo "kennis stages (progress lines, time until the next line):"
cat "$LOGS/kennis-stages.txt"
echo
echo "(results: $WORK/results.md, raw /usr/bin/time output: $LOGS/)"
