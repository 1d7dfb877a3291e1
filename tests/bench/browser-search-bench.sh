#!/usr/bin/env bash
# Browser search in headless Chromium, kennis against Pagefind (issues 7 and 15): search bytes
# transferred and time from the first keystroke to the first results, with no throttling, with
# Chromium's Fast 3G emulation and with the engine cached (a second page of a visit), and warm query
# latency (median, p95) over the judged queries. Not part of the test suite; see README.md here.
#
#   tests/bench/browser-search-bench.sh
#   SITE_ROOT=/tmp/generated-site SECOND_PAGE=nl/ tests/bench/browser-search-bench.sh
#
# Environment (all optional): SITE_ROOT (the site to build, default this repository),
# BENCH_DIR (default /tmp/browser-search-bench), CARGO_TARGET_DIR, PAGEFIND_VERSION (default 1),
# ROUNDS (warm rounds, default 5), COLD_RUNS (default 5), PAGE and SECOND_PAGE (where the searches
# run), FIRST_QUERY, KENNIS_BIN.
# Nothing is written inside the repository.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/browser-search-bench}
TARGET=${CARGO_TARGET_DIR:-$REPO/target}
PORT=${PORT:-8777}

echo "== building kennis (release) and the site"
# KENNIS_BIN: a kennis binary to use instead (the engine is the same in every profile).
KENNIS=${KENNIS_BIN:-$TARGET/release/kennis}
[ -n "${KENNIS_BIN:-}" ] || (cd "$REPO" && cargo build --release --quiet)
rm -rf "$WORK/public"
mkdir -p "$WORK"
"$KENNIS" build --root "${SITE_ROOT:-$REPO}" --output "$WORK/public" --quiet

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

echo "== engine and index sizes"
for file in "$WORK"/public/search/engine.*.wasm "$WORK"/public/nl/search/start.bin; do
  printf '   %-50s %8d bytes raw %8d bytes gzip\n' "${file#$WORK/public/}" "$(stat -c %s "$file")" "$(gzip -6 -c "$file" | wc -c)"
done
printf '   %-50s %8d bytes in %d chunks\n' "nl/search/chunk.*.bin" "$(cat "$WORK"/public/nl/search/chunk.*.bin | wc -c)" "$(ls "$WORK"/public/nl/search/chunk.*.bin | wc -l)"
printf '   %-50s %8d bytes (kennis: every search/ folder; Pagefind: pagefind/)\n' "search output on disk" \
  "$(find "$WORK/public" -path '*/search/*' -type f ! -name '*.html' -printf '%s\n' | awk '{s+=$1} END {print s}')"
printf '   %-50s %8d bytes\n' "pagefind/ on disk" "$(du -sb "$WORK/public/pagefind" | cut -f1)"

echo "== measuring in Chromium"
cp "$HERE/browser-search-bench.mjs" "$WORK/bench.mjs"
SITE_URL="http://127.0.0.1:$PORT/" QUERIES="$WORK/queries.json" node "$WORK/bench.mjs"
