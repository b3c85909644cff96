#!/usr/bin/env bash
# Time from saving a one-village edit to the new page being served by
# `gongshi serve`, over several runs; prints each run and the median.
#
#   cargo build --release   (or GONGSHI=path/to/gongshi to time another binary)
#   benches/edit-to-served.sh ROOT VILLAGE_FILE PAGE_PATH [RUNS]
#
# ROOT is a site root (it is edited: use a copy), VILLAGE_FILE a village
# file relative to ROOT, PAGE_PATH a page that shows what is edited:
#   EDIT=name (the default): the village's Chinese name, which its pages,
#     its township's and the search index show, e.g.
#       cp -r content /tmp/site/ && benches/edit-to-served.sh /tmp/site \
#         content/villages/purang/purang/kejia.yaml /zh/purang/purang/kejia/index.html 20
#   EDIT=role: the Chinese current role of the file's first person, which
#     its notice's page shows (and no listing, nor search), e.g.
#       EDIT=role benches/edit-to-served.sh /tmp/site content/villages/purang/purang/kejia.yaml \
#         /zh/purang/purang/kejia/village-committee-candidates/index.html
# The page is asked for again and again until it shows the edit (each
# request a `curl`, which takes some CPU from the server: on 2 cores the
# times are a little slower than the server's own).
set -euo pipefail
root=$1 file=$root/$2 page=$3 runs=${4:-10}
bin=${GONGSHI:-$(dirname "$0")/../target/release/gongshi}
case ${EDIT:-name} in
  name) pattern='^name:' ;;
  role) pattern='^ *current_role:' ;;
  *) echo "EDIT is name or role" >&2; exit 2 ;;
esac
log=$(mktemp)
"$bin" serve --root "$root" --port 0 --today 2021-01-12 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 600); do grep -q "serving the preview at" "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$log" | head -1)
# The edited line gets a counter appended to its Chinese text on each run.
line=$(grep -m1 -n "$pattern" "$file" | cut -d: -f1)
times=()
for run in $(seq 1 "$runs"); do
  marker="bench${run}x$RANDOM"
  start=$(date +%s%N)
  sed -i "${line}s/zh: \"\([^\"]*\)\"/zh: \"\1$marker\"/" "$file"
  until curl -s "${url%/}$page" | grep -q "$marker"; do :; done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  sed -i "${line}s/$marker//" "$file"
  # Let the rebuild of the reverted file finish before the next run.
  while curl -s "${url%/}$page" | grep -q "$marker"; do :; done
  sleep 0.2
done
echo "edit-to-served ms: ${times[*]}"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median ms:", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
grep "rebuilt in" "$log" | tail -3
