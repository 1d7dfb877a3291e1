#!/usr/bin/env bash
# Browser search in headless Chromium on the real site, kennis against Pagefind (issue 7):
# transferred bytes and time from the first keystroke to the first results (cold), and warm query
# latency (median, p95) over the judged queries. Not part of the test suite; see README.md here.
#
#   tests/bench/browser-search-bench.sh
#
# Environment (all optional): BENCH_DIR (default /tmp/browser-search-bench), CARGO_TARGET_DIR,
# PAGEFIND_VERSION (default 1), ROUNDS (warm rounds, default 5), COLD_RUNS (default 5).
# Nothing is written inside the repository.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/browser-search-bench}
TARGET=${CARGO_TARGET_DIR:-$REPO/target}
PORT=${PORT:-8777}

echo "== building kennis (release) and the site"
(cd "$REPO" && cargo build --release --quiet)
rm -rf "$WORK/public"
mkdir -p "$WORK"
"$TARGET/release/kennis" build --root "$REPO" --output "$WORK/public" --quiet

echo "== installing pagefind ${PAGEFIND_VERSION:-1} and indexing the same site"
[ -f "$WORK/package.json" ] || echo '{ "private": true }' > "$WORK/package.json"
npm install --prefix "$WORK" --no-audit --no-fund --silent "pagefind@${PAGEFIND_VERSION:-1}" "playwright-core@1" >/dev/null
"$WORK/node_modules/.bin/pagefind" --site "$WORK/public" | tail -n 2

python3 -c 'import tomllib, json, sys; print(json.dumps([q["q"] for q in tomllib.load(open(sys.argv[1], "rb"))["query"]]))' \
    "$REPO/tests/search/judged.toml" > "$WORK/queries.json"

node "$HERE/gzip-server.mjs" "$WORK/public" "$PORT" &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1

echo "== engine sizes"
for file in "$WORK"/public/search/engine.*.wasm "$WORK"/public/nl/search/index.*.bin; do
  printf '   %-50s %8d bytes raw %8d bytes gzip\n' "${file#$WORK/public/}" "$(stat -c %s "$file")" "$(gzip -6 -c "$file" | wc -c)"
done

echo "== measuring in Chromium"
cp "$HERE/browser-search-bench.mjs" "$WORK/bench.mjs"
SITE_URL="http://127.0.0.1:$PORT/" QUERIES="$WORK/queries.json" node "$WORK/bench.mjs"
