#!/usr/bin/env bash
# Runs `kennis build & kennis build & wait` TRIALS times on a copy of this repository's site and
# counts the trials where a build failed or public/ was not one complete site (the file list and
# bytes of a build made alone). Usage: tests/bench/concurrent-builds.sh [path/to/kennis] [TRIALS]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
kennis="${1:-$repo/target/release/kennis}"
trials="${2:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/site.toml" "$repo/content" "$repo/themes" "$work/"
[ -d "$repo/static" ] && cp -r "$repo/static" "$work/"
"$kennis" build --quiet --root "$work" --output "$work/public" 2>/dev/null
(cd "$work/public" && find . -type f -exec sha256sum {} + | sort) > "$work/reference"
bad=0
for trial in $(seq 1 "$trials"); do
  codes=""
  "$kennis" build --quiet --root "$work" --output "$work/public" 2>>"$work/log" & first=$!
  "$kennis" build --quiet --root "$work" --output "$work/public" 2>>"$work/log" & second=$!
  wait "$first" && codes+="0" || codes+="$?"
  wait "$second" && codes+=" 0" || codes+=" $?"
  files=$(find "$work/public" -type f 2>/dev/null | wc -l)
  if [ "$codes" = "0 0" ] && (cd "$work/public" 2>/dev/null && find . -type f -exec sha256sum {} + | sort) | cmp -s - "$work/reference"; then
    complete=yes
  else
    complete=no; bad=$((bad + 1))
  fi
  echo "trial $trial: exit codes $codes, $files files, complete: $complete"
done
echo "$bad of $trials trials left a failed build or an incomplete public/ ($(wc -l < "$work/reference") files expected)"
grep -m3 . "$work/log" || true
