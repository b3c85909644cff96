#!/usr/bin/env bash
# The daily rebuild against a build from nothing, on one synthetic site.
#
#   benches/daily.sh N [RUNS]        # N villages, RUNS timed runs (default 5)
#
# Writes N villages with `cargo run --release --example synthetic`, then
# times, each RUNS times (median wall and CPU time, peak memory):
#   cold      gongshi build, with the output and .gongshi/ removed first
#   same day  a rebuild with one village changed (its village name edited)
#   next day  a rebuild one day later, with one village changed
# for a day during the example election (2021-01-12, many periods open) and
# one after it (2021-03-01, every period closed). Each rebuild's output is
# compared once with a build from nothing of the same content and day
# (`diff -r`). Needs /usr/bin/time; TMPDIR=/dev/shm measures gongshi rather
# than the disk.
set -euo pipefail

usage() { echo "usage: benches/daily.sh N [RUNS]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
n=$1 runs=${2:-5}
[[ $n =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || usage

cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/daily.XXXXXX")
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
cargo build --release --quiet --example synthetic
gongshi=${CARGO_TARGET_DIR:-target}/release/gongshi
gongshi=$(cd "$(dirname "$gongshi")" && pwd)/gongshi
site=$work/site fresh=$work/fresh
cargo run --release --quiet --example synthetic -- "$n" "$site" >/dev/null
village=$(find "$site/content/villages" -mindepth 3 -name '*.yaml' ! -name '_index.yaml' | sort | sed -n 1p)

build() { # DAY: one build of the site, timed into $work/t
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$gongshi" build --root "$site" --today "$1" \
    >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
}
edit() { # a change to one village: its Chinese name (line 1) gains or loses a 甲
  if head -1 "$village" | grep -q '甲" }$'; then sed -i '1s/甲" }$/" }/' "$village"; else sed -i '1s/" }$/甲" }/' "$village"; fi
}
median() { # prints "median_wall mean_cpu peak_MB" of the lines of $work/times
  sort -n "$work/times" | awk '{w[NR]=$1; c+=$2+$3; if ($4>m) m=$4} END {
    md = (NR % 2) ? w[(NR+1)/2] : (w[NR/2] + w[NR/2+1]) / 2
    printf "%8.2f s %8.2f s %8.0f MB\n", md, c/NR, m/1024 }'
}
same_as_fresh() { # DAY: the output equals a build from nothing
  rm -rf "$fresh" && mkdir -p "$fresh" && cp -r "$site/content" "$fresh/"
  "$gongshi" build --root "$fresh" --today "$1" >/dev/null 2>&1
  diff -r "$fresh/public" "$site/public" >/dev/null && echo "identical" || echo "DIFFERENT"
}

printf '%-12s %-10s %10s %10s %11s  %s\n' day case "wall" "CPU" "peak" "output"
for day in 2021-01-12 2021-03-01; do
  next=$(date -d "$day + 1 day" +%F)
  : >"$work/times"
  for _ in $(seq 1 "$runs"); do
    rm -rf "$site/public" "$site/.public.gongshi-new" "$site/.gongshi" && sync
    build "$day" && cat "$work/t" >>"$work/times"
  done
  printf '%-12s %-10s %s\n' "$day" cold "$(median)"
  build "$day" # a second build leaves a spare of known files
  : >"$work/times"
  for _ in $(seq 1 "$runs"); do
    edit && build "$day" && cat "$work/t" >>"$work/times"
  done
  printf '%-12s %-10s %s  %s\n' "$day" "same day" "$(median)" "$(same_as_fresh "$day")"
  : >"$work/times"
  for i in $(seq 1 "$runs"); do
    # Back and forth across the day boundary, one village changed each time.
    d=$([[ $((i % 2)) == 1 ]] && echo "$next" || echo "$day")
    edit && build "$d" && cat "$work/t" >>"$work/times"
  done
  printf '%-12s %-10s %s  %s\n' "$day" "next day" "$(median)" "$(same_as_fresh "$d")"
done
