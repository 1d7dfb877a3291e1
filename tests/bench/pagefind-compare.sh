#!/usr/bin/env bash
# The judged queries of tests/search/judged.toml through Pagefind and through kennis, scored alike
# (issue 6 comparison; not part of the test suite). Pagefind is installed with npm into a scratch
# folder, indexes the site kennis built, and is queried in headless Chromium, where its search runs.
#
#   tests/bench/pagefind-compare.sh
#
# Environment (all optional):
#   BENCH_DIR         scratch folder                   (default /tmp/pagefind-bench)
#   CARGO_TARGET_DIR  where kennis is built (release)  (default /work/target-search)
#   PAGEFIND_VERSION  npm version of pagefind          (default 1)
#   CHROMIUM          the browser                      (default /usr/bin/chromium)
# Nothing is written inside the repository.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/pagefind-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-search}
KENNIS=$CARGO_TARGET_DIR/release/kennis
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

echo "== building kennis (release) and the site"
(cd "$REPO" && cargo build --release --quiet)
mkdir -p "$WORK"
"$KENNIS" build --root "$REPO" --output "$WORK/public" --quiet

echo "== installing pagefind ${PAGEFIND_VERSION:-1} and playwright-core into $WORK"
[ -f "$WORK/package.json" ] || echo '{ "private": true }' > "$WORK/package.json"
npm install --prefix "$WORK" --no-audit --no-fund --silent \
    "pagefind@${PAGEFIND_VERSION:-1}" "playwright-core@1" >/dev/null
echo "   $("$WORK/node_modules/.bin/pagefind" --version)"

echo "== indexing the built site with Pagefind"
"$WORK/node_modules/.bin/pagefind" --site "$WORK/public" | tail -n 4

echo "== querying"
node "$HERE/pagefind-compare.mjs" --site "$WORK/public" --modules "$WORK/node_modules" \
    --kennis "$KENNIS" --root "$REPO" --judged "$REPO/tests/search/judged.toml"
