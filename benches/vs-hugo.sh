#!/usr/bin/env bash
# gongshi against Hugo on the same synthetic site: build time (median of RUNS,
# output folder removed before each run), pages, bytes and peak memory.
#
#   benches/vs-hugo.sh N [RUNS]        # N villages, RUNS timed runs (default 5)
#
# Writes N villages with `cargo run --release --example synthetic`, exports
# them to a Hugo site with `cargo run --release --example hugo_export` (the
# same pages from front matter and templates, see that file), then times
#   gongshi build --root SITE --output OUT --today 2021-02-01
#   hugo --source HUGO --destination OUT2 --quiet
# with hyperfine if installed, else with /usr/bin/time in a loop (`sync`
# after each removal, so that no run pays for writing back the last one's
# files). Needs `hugo` (apt-get install hugo); hyperfine is optional
# (apt-get install hyperfine). Everything is written to a temporary folder under $TMPDIR
# (default /tmp), removed at exit; TMPDIR=/dev/shm measures the generators
# rather than the disk (on a slow virtual disk, creating files dominates).
set -euo pipefail

usage() { echo "usage: benches/vs-hugo.sh N [RUNS]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
n=$1 runs=${2:-5}
[[ $n =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || usage
today=2021-02-01

if ! command -v hugo >/dev/null; then
  echo "vs-hugo: hugo is not installed; install it with: apt-get install hugo" >&2
  exit 1
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "vs-hugo: /usr/bin/time is missing; install it with: apt-get install time" >&2
  exit 1
fi
have_hyperfine=$(command -v hyperfine >/dev/null && echo 1 || echo 0)

cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/vs-hugo.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HUGO_CACHEDIR=$work/hugo-cache # else Hugo leaves one in $TMPDIR
site=$work/site src=$work/hugo out_g=$work/out-gongshi out_h=$work/out-hugo

cargo build --release --quiet
cargo build --release --quiet --example synthetic --example hugo_export
gongshi=${CARGO_TARGET_DIR:-target}/release/gongshi
gongshi=$(cd "$(dirname "$gongshi")" && pwd)/gongshi
cargo run --release --quiet --example synthetic -- "$n" "$site"
cargo run --release --quiet --example hugo_export -- "$site" "$src" "$today"

run_g=("$gongshi" build --root "$site" --output "$out_g" --today "$today")
run_h=(hugo --source "$src" --destination "$out_h" --quiet)
cmd_g=$(printf '%q ' "${run_g[@]}") cmd_h=$(printf '%q ' "${run_h[@]}")

# One untimed run of each under /usr/bin/time -v: checks that both build,
# gives peak memory, and leaves the outputs to count.
peak_kb() { # NAME OUT CMD…: runs CMD once, prints its maximum RSS in KB
  local name=$1 out=$2 log=$work/$1.time
  shift 2
  rm -rf "$out" && sync
  if ! /usr/bin/time -v -o "$log" "$@" >"$work/$name.log" 2>&1; then
    echo "vs-hugo: $name failed:" >&2
    cat "$work/$name.log" >&2
    exit 1
  fi
  awk -F': *' '/Maximum resident set size/ {print $2}' "$log"
}
mem_g=$(peak_kb gongshi "$out_g" "${run_g[@]}")
mem_h=$(peak_kb hugo "$out_h" "${run_h[@]}")

pages() { find "$1" -name '*.html' | wc -l; }
files() { find "$1" -type f | wc -l; }
file_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
report_site() { # NAME OUT
  local all bo zh
  all=$(pages "$2") bo=$(pages "$2/bo") zh=$(pages "$2/zh")
  printf '%-8s %6d html (bo %d, zh %d, other %d), %6d files, %10d bytes in files, du -sb %10d\n' \
    "$1" "$all" "$bo" "$zh" "$((all - bo - zh))" "$(files "$2")" "$(file_bytes "$2")" \
    "$(du -sb "$2" | cut -f1)"
}
site_g=$(report_site gongshi "$out_g")
site_h=$(report_site hugo "$out_h")

# Median wall time (seconds) of each, and mean user CPU where known.
if [[ $have_hyperfine == 1 ]]; then
  hyperfine --runs "$runs" --style basic --export-json "$work/times.json" \
    --prepare "rm -rf $(printf %q "$out_g") $(printf %q "$site/.gongshi") && sync" --prepare "rm -rf $(printf %q "$out_h") && sync" \
    --command-name gongshi "$cmd_g" --command-name hugo "$cmd_h" >&2
  field() { grep -o "\"$1\": *[0-9.eE+-]*" "$work/times.json" | sed -n "${2}p" | awk '{print $2}'; }
  med_g=$(field median 1) med_h=$(field median 2)
  user_g=$(field user 1) user_h=$(field user 2)
else
  echo "vs-hugo: hyperfine not found (apt-get install hyperfine); timing with /usr/bin/time" >&2
  median_of() { # OUT CMD…: RUNS runs, prints "median_wall mean_user"
    local out=$1
    shift
    for _ in $(seq 1 "$runs"); do
      rm -rf "$out" "$site/.gongshi" && sync
      /usr/bin/time -f '%e %U' -o "$work/t" "$@" >/dev/null 2>&1
      cat "$work/t"
    done | sort -n | awk '{w[NR]=$1; u+=$2} END {
      m = (NR % 2) ? w[(NR+1)/2] : (w[NR/2] + w[NR/2+1]) / 2; print m, u/NR }'
  }
  read -r med_g user_g < <(median_of "$out_g" "${run_g[@]}")
  read -r med_h user_h < <(median_of "$out_h" "${run_h[@]}")
fi

echo
echo "vs-hugo: $n villages, $runs runs, $(nproc) CPUs, hugo $(hugo version | cut -d' ' -f2)," \
  "output on $(df -T "$work" | awk 'NR == 2 {print $2}') ($work)"
printf '%-8s median %8.3f s  (user %7.3f s)  peak %7.1f MB\n' \
  gongshi "$med_g" "$user_g" "$(awk -v k="$mem_g" 'BEGIN{print k/1024}')" \
  hugo "$med_h" "$user_h" "$(awk -v k="$mem_h" 'BEGIN{print k/1024}')"
awk -v g="$med_g" -v h="$med_h" 'BEGIN {
  if (g <= h) printf "gongshi is %.2fx faster than Hugo (hugo/gongshi = %.2f)\n", h/g, h/g
  else printf "Hugo is %.2fx faster than gongshi (gongshi/hugo = %.2f)\n", g/h, g/h }'
echo "$site_g"
echo "$site_h"
