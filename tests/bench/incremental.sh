#!/usr/bin/env bash
# Rebuilds while previewing (issue 14): on the 10,000-page generated site, the time from saving one
# page to the reloaded page in headless Chromium, for body edits and for front-matter edits (the
# title), both rendered in place, against a whole `kennis build` of the same site.
# Not part of the test suite; see README.md here.
#
#   tests/bench/incremental.sh            # 30 body edits, 10 title edits, 3 whole builds
#
# Environment (all optional): BENCH_DIR (default /tmp/incremental-bench), CARGO_TARGET_DIR,
# EDITS (default 30), TITLE_EDITS (default 10), BUILDS (default 3), PORT (default 8778),
# CHROMIUM (default /usr/bin/chromium). Nothing is written inside the repository.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/incremental-bench}
TARGET=${CARGO_TARGET_DIR:-$REPO/target}
PORT=${PORT:-8778}
KENNIS="$TARGET/release/kennis"

echo "== building kennis (release) and generating the site"
(cd "$REPO" && cargo build --release --quiet)
if [ ! -f "$WORK/kennis/site.toml" ]; then
  rm -rf "$WORK"
  python3 "$HERE/generate-site.py" --kennis "$WORK/kennis" --hugo "$WORK/hugo" --repo "$REPO" >/dev/null
fi

echo "== whole builds (${BUILDS:-3})"
for _ in $(seq "${BUILDS:-3}"); do
  start=$(date +%s%N)
  "$KENNIS" build --root "$WORK/kennis" --output "$WORK/whole" --quiet
  echo $(( ($(date +%s%N) - start) / 1000000 ))
done | sort -n | awk '{ a[NR] = $1 } END { printf "   whole build: median %d ms over %d runs\n", a[int((NR + 1) / 2)], NR }'

echo "== previewing with kennis serve on port $PORT"
"$KENNIS" serve --root "$WORK/kennis" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 3000); do
  grep -q "serving" "$WORK/serve.log" && break
  sleep 0.2
done
grep -q "serving" "$WORK/serve.log" || { cat "$WORK/serve.log"; exit 1; }

NODE_PATH="$REPO/tests/browser/node_modules" node "$HERE/incremental.mjs" \
  --site "$WORK/kennis" --port "$PORT" --log "$WORK/serve.log" \
  --edits "${EDITS:-30}" --title-edits "${TITLE_EDITS:-10}" --chromium "${CHROMIUM:-/usr/bin/chromium}"
