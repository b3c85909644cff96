#!/usr/bin/env bash
# Time from saving a one-village edit to the new page being served by
# `gongshi serve`, over several runs; prints each run and the median.
#
#   cargo build --release
#   benches/edit-to-served.sh ROOT VILLAGE_FILE PAGE_PATH [RUNS]
#
# ROOT is a site root (it is edited: use a copy), VILLAGE_FILE a village
# file relative to ROOT, PAGE_PATH a page that shows that village's first
# person, e.g.
#   cp -r content /tmp/site/ && benches/edit-to-served.sh /tmp/site \
#     content/villages/purang/purang/kejia.yaml /zh/purang/purang/kejia/index.html 20
set -euo pipefail
root=$1 file=$root/$2 page=$3 runs=${4:-10}
bin=$(dirname "$0")/../target/release/gongshi
log=$(mktemp)
"$bin" serve --root "$root" --port 0 --today 2021-01-12 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 600); do grep -q "serving the preview at" "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$log" | head -1)
# The village's name line gets a counter appended on each run.
name_line=$(grep -m1 -n '^name:' "$file" | cut -d: -f1)
times=()
for run in $(seq 1 "$runs"); do
  marker="bench${run}x$RANDOM"
  start=$(date +%s%N)
  sed -i "${name_line}s/zh: \"\([^\"]*\)\"/zh: \"\1$marker\"/" "$file"
  until curl -s "${url%/}$page" | grep -q "$marker"; do :; done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  sed -i "${name_line}s/$marker//" "$file"
  # Let the rebuild of the reverted file finish before the next run.
  while curl -s "${url%/}$page" | grep -q "$marker"; do :; done
  sleep 0.2
done
echo "edit-to-served ms: ${times[*]}"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median ms:", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
grep "rebuilt in" "$log" | tail -3
