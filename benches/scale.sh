#!/usr/bin/env bash
# How gongshi's cost grows with the number of villages: for each N, a full
# `build` (median wall time of RUNS, CPU time, peak memory, files and bytes
# written, time per village) and, in `serve`, the time from a one-village
# edit to the new page being served (median of EDITS).
#
#   benches/scale.sh [RUNS] [EDITS] N...     # e.g. benches/scale.sh 3 11 1000 10000 100000
#
# Sites come from `cargo run --release --example synthetic`; everything is
# written under $TMPDIR (default /tmp) and removed at exit. TMPDIR=/dev/shm
# measures gongshi rather than the disk. Needs /usr/bin/time (apt-get
# install time) and curl; serve is skipped for N above 20,000 (SERVE_MAX).
set -euo pipefail

usage() { echo "usage: benches/scale.sh [RUNS] [EDITS] N..." >&2; exit 2; }
[[ $# -ge 3 ]] || usage
runs=$1 edits=$2
shift 2
for n in "$@"; do [[ $n =~ ^[1-9][0-9]*$ ]] || usage; done
[[ -x /usr/bin/time ]] || { echo "scale: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }
serve_max=${SERVE_MAX:-20000}
today=2021-02-01

cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo build --release --quiet --example synthetic
gongshi=$(pwd)/${CARGO_TARGET_DIR:-target}/release/gongshi
work=$(mktemp -d "${TMPDIR:-/tmp}/scale.XXXXXX")
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%s, %s CPUs, %s, output on %s\n' "$(date -u +%F)" "$(nproc)" "$("$gongshi" --version)" \
  "$(df -T "$work" | awk 'NR == 2 {print $2}')"
printf '%8s %9s %9s %9s %8s %8s %11s %12s %11s\n' villages "build s" "user s" "sys s" "peak MB" files bytes "ms/village" "edit ms"
for n in "$@"; do
  site=$work/site-$n out=$work/out-$n
  cargo run --release --quiet --example synthetic -- "$n" "$site" >/dev/null
  : >"$work/times"
  for _ in $(seq 1 "$runs"); do
    rm -rf "$out" "$site/.gongshi" && sync
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$gongshi" build --root "$site" --output "$out" --today "$today" \
      >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
    cat "$work/t" >>"$work/times"
  done
  wall=$(awk '{print $1}' "$work/times" | median)
  user=$(awk '{print $2}' "$work/times" | median)
  sys=$(awk '{print $3}' "$work/times" | median)
  peak=$(awk '{print $4}' "$work/times" | median)
  files=$(find "$out" -type f | wc -l)
  bytes=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d\n", s}')
  per=$(awk -v w="$wall" -v n="$n" 'BEGIN {printf "%.3f", w * 1000 / n}')
  edit=-
  if [[ $n -le $serve_max ]]; then
    village=$(cd "$site" && find content/villages -name '*.yaml' ! -name '_index.yaml' | sort | awk 'NR == 1')
    page=/zh/$(dirname "${village#content/villages/}")/$(basename "$village" .yaml)/index.html
    edit=$(benches/edit-to-served.sh "$site" "$village" "$page" "$edits" | awk '/^median ms:/ {print $3}')
  fi
  rm -rf "$site" "$out"
  printf '%8d %9.2f %9.2f %9.2f %8.0f %8d %11s %12s %11s\n' "$n" "$wall" "$user" "$sys" \
    "$(awk -v k="$peak" 'BEGIN {print k / 1024}')" "$files" "$bytes" "$per" "$edit"
done
