#!/usr/bin/env bash
# gongshi against Hugo and Zola on the same synthetic site: build time (median
# of RUNS, output folder removed before each run), pages, bytes and peak
# memory, all three in one hyperfine run so that their ratios come from the
# same minutes of a shared machine.
#
#   benches/vs-hugo.sh N [RUNS]        # N villages, RUNS timed runs (default 5)
#
# Writes N villages with `cargo run --release --example synthetic`, exports
# them to a Hugo site (`examples/hugo_export.rs`) and a Zola site
# (`examples/zola_export.rs`), the same pages from front matter and
# templates (see those files), then times
#   gongshi build --root SITE --output OUT --today 2021-02-01
#   hugo --source HUGO --destination OUT2 --quiet
#   zola --root ZOLA build --output-dir OUT3
# with hyperfine if installed, else with /usr/bin/time in a loop (`sync`
# after each removal, so that no run pays for writing back the last one's
# files). Hugo and Zola are each left out, with a message, when absent or
# set empty: Hugo from $HUGO or PATH (apt-get install hugo), Zola from
# $ZOLA or PATH (0.22; built from source with `cargo build --release` in a
# clone of getzola/zola); `HUGO= benches/vs-hugo.sh 10000 3` leaves Hugo out
# (it peaks at 4.3 GB there). hyperfine is optional (apt-get install
# hyperfine).
#
# Before timing, the `<main>` of one village page and one notice page of
# each generator is compared with gongshi's (markup between tags, entities
# and link targets normalised): the lines that differ are counted, and
# printed with VS_DIFF=1.
#
# Everything is written to a temporary folder under $TMPDIR (default /tmp),
# removed at exit; TMPDIR=/dev/shm measures the generators rather than the
# disk (on a slow virtual disk, creating files dominates).
set -euo pipefail

usage() { echo "usage: benches/vs-hugo.sh N [RUNS]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
n=$1 runs=${2:-5}
[[ $n =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || usage
today=2021-02-01

if [[ ! -x /usr/bin/time ]]; then
  echo "vs-hugo: /usr/bin/time is missing; install it with: apt-get install time" >&2
  exit 1
fi
hugo=${HUGO-$(command -v hugo || true)}
zola=${ZOLA-$(command -v zola || true)}
for tool in hugo zola; do
  if [[ -n ${!tool} && ! -x ${!tool} ]]; then
    echo "vs-hugo: ${!tool} is not an executable; $tool is left out" >&2
    printf -v "$tool" ''
  fi
done
[[ -n $hugo ]] || echo "vs-hugo: Hugo is left out (HUGO is empty, or hugo is not installed: apt-get install hugo)" >&2
[[ -n $zola ]] || echo "vs-hugo: Zola is left out (ZOLA is empty, or zola is not found: set ZOLA or put it on PATH)" >&2
have_hyperfine=$(command -v hyperfine >/dev/null && echo 1 || echo 0)

cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/vs-hugo.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HUGO_CACHEDIR=$work/hugo-cache # else Hugo leaves one in $TMPDIR
site=$work/site

cargo build --release --quiet
cargo build --release --quiet --example synthetic --example hugo_export --example zola_export
gongshi=${CARGO_TARGET_DIR:-target}/release/gongshi
gongshi=$(cd "$(dirname "$gongshi")" && pwd)/gongshi
cargo run --release --quiet --example synthetic -- "$n" "$site"

# The tools, in order: name, output folder, command.
names=(gongshi) outs=("$work/out-gongshi")
cmds=("$(printf '%q ' "$gongshi" build --root "$site" --output "$work/out-gongshi" --today "$today")")
if [[ -n $hugo ]]; then
  cargo run --release --quiet --example hugo_export -- "$site" "$work/hugo" "$today"
  names+=(hugo) outs+=("$work/out-hugo")
  cmds+=("$(printf '%q ' "$hugo" --source "$work/hugo" --destination "$work/out-hugo" --quiet)")
fi
if [[ -n $zola ]]; then
  cargo run --release --quiet --example zola_export -- "$site" "$work/zola" "$today"
  names+=(zola) outs+=("$work/out-zola")
  cmds+=("$(printf '%q ' "$zola" --root "$work/zola" build --output-dir "$work/out-zola")")
fi

# One untimed run of each under /usr/bin/time -v: checks that each builds,
# gives peak memory, and leaves the outputs to count and compare.
mem=()
for i in "${!names[@]}"; do
  name=${names[$i]}
  rm -rf "${outs[$i]}" "$site/.gongshi" && sync
  if ! eval "/usr/bin/time -v -o $(printf %q "$work/$name.time") ${cmds[$i]}" >"$work/$name.log" 2>&1; then
    echo "vs-hugo: $name failed:" >&2
    cat "$work/$name.log" >&2
    exit 1
  fi
  mem+=("$(awk -F': *' '/Maximum resident set size/ {print $2}' "$work/$name.time")")
done

pages() { find "$1" -name '*.html' | wc -l; }
files() { find "$1" -type f | wc -l; }
file_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
report_site() { # NAME OUT: Zola's default language, bo, is at its root
  local all bo zh
  all=$(pages "$2") zh=$(pages "$2/zh")
  if [[ $1 == zola ]]; then bo=$(find "$2" -path "$2/zh" -prune -o -name '*.html' -print | grep -vc '/404\.html$'); else bo=$(pages "$2/bo"); fi
  printf '%-8s %6d html (bo %d, zh %d, other %d), %6d files, %10d bytes in files, du -sb %10d\n' \
    "$1" "$all" "$bo" "$zh" "$((all - bo - zh))" "$(files "$2")" "$(file_bytes "$2")" \
    "$(du -sb "$2" | cut -f1)"
}
sites=()
for i in "${!names[@]}"; do sites+=("$(report_site "${names[$i]}" "${outs[$i]}")"); done

# The `<main>` of the first village and its first notice, per language.
village=$(cd "$site/content/villages" && find . -name '*.yaml' ! -name '_index.yaml' | sort | sed -n 1p)
village=${village#./} village=${village%.yaml}
notice=$(awk '/^  - slug:/ {print $3; exit}' "$site/content/villages/$village.yaml")
compare_main() { # OUT_A OUT_B NAME_B: prints "village …, notice …"
  python3 - "$@" "$village" "$notice" <<'EOF'
import html, os, re, sys, difflib
out_a, out_b, name_b, village, notice = sys.argv[1:]
def page(out, name, lang, rel):
    # Zola's default language is at the root of its output.
    root = out if (name == "zola" and lang == "bo") else os.path.join(out, lang)
    with open(os.path.join(root, rel, "index.html"), encoding="utf-8") as f:
        text = f.read()
    main = re.search(r"<main>(.*)</main>", text, re.S).group(1)
    # Link targets as the part after the language folder, without index.html.
    main = re.sub(r'href="([^"]*)"', lambda m: 'href="%s"' % re.sub(
        r"^(?:[a-z]+:)?(?://[^/]*)?(?:\.\./)*/?(?:(?:bo|zh)/)?|/?index\.html$|/$", "", m.group(1)), main)
    main = html.unescape(main)
    main = re.sub(r">\s+<", "><", main)
    return [l for l in re.sub(r"(<(?:li|tr|dt|h1|h2|p|section|article|ul|dl|thead|tbody|div)\b)", r"\n\1", main).split("\n") if l.strip()]
report = []
for kind, rel in (("village", village), ("notice", os.path.join(village, notice))):
    differ = 0
    for lang in ("bo", "zh"):
        a, b = page(out_a, "gongshi", lang, rel), page(out_b, name_b, lang, rel)
        diff = [l for l in difflib.unified_diff(a, b, lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]
        differ += sum(1 for l in diff if l.startswith("+"))
        if os.environ.get("VS_DIFF") and diff:
            print("\n".join(["%s %s %s:" % (name_b, kind, lang)] + diff), file=sys.stderr)
    report.append("%s %s" % (kind, "same" if differ == 0 else "%d lines differ" % differ))
print(", ".join(report))
EOF
}
mains=()
for i in "${!names[@]}"; do
  [[ $i == 0 ]] && continue
  mains+=("$(printf '%-8s <main> against gongshi (%s): %s' "${names[$i]}" "$village" "$(compare_main "${outs[0]}" "${outs[$i]}" "${names[$i]}")")")
done

# Median wall time (seconds) of each, and mean user CPU where known.
med=() user=()
if [[ $have_hyperfine == 1 ]]; then
  args=()
  for i in "${!names[@]}"; do
    args+=(--prepare "rm -rf $(printf %q "${outs[$i]}") $(printf %q "$site/.gongshi") && sync"
      --command-name "${names[$i]}" "${cmds[$i]}")
  done
  hyperfine --runs "$runs" --style basic --export-json "$work/times.json" "${args[@]}" >&2
  field() { grep -o "\"$1\": *[0-9.eE+-]*" "$work/times.json" | sed -n "${2}p" | awk '{print $2}'; }
  for i in "${!names[@]}"; do
    med+=("$(field median $((i + 1)))") user+=("$(field user $((i + 1)))")
  done
else
  echo "vs-hugo: hyperfine not found (apt-get install hyperfine); timing with /usr/bin/time" >&2
  for i in "${!names[@]}"; do
    read -r m u < <(for _ in $(seq 1 "$runs"); do
      rm -rf "${outs[$i]}" "$site/.gongshi" && sync
      eval "/usr/bin/time -f '%e %U' -o $(printf %q "$work/t") ${cmds[$i]}" >/dev/null 2>&1
      cat "$work/t"
    done | sort -n | awk '{w[NR]=$1; u+=$2} END {
      m = (NR % 2) ? w[(NR+1)/2] : (w[NR/2] + w[NR/2+1]) / 2; print m, u/NR }')
    med+=("$m") user+=("$u")
  done
fi

echo
versions=""
[[ -n $hugo ]] && versions+=", hugo $("$hugo" version | cut -d' ' -f2)"
[[ -n $zola ]] && versions+=", $("$zola" --version)"
echo "vs-hugo: $n villages, $runs runs, $(nproc) CPUs$versions," \
  "output on $(df -T "$work" | awk 'NR == 2 {print $2}') ($work), load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!names[@]}"; do
  printf '%-8s median %8.3f s  (user %7.3f s)  peak %7.1f MB\n' \
    "${names[$i]}" "${med[$i]}" "${user[$i]}" "$(awk -v k="${mem[$i]}" 'BEGIN{print k/1024}')"
done
for i in "${!names[@]}"; do
  [[ $i == 0 ]] && continue
  awk -v g="${med[0]}" -v o="${med[$i]}" -v name="${names[$i]}" 'BEGIN {
    if (g <= o) printf "gongshi is %.2fx faster than %s (%s/gongshi = %.2f)\n", o/g, name, name, o/g
    else printf "%s is %.2fx faster than gongshi (gongshi/%s = %.2f)\n", name, g/o, name, g/o }'
done
printf '%s\n' "${sites[@]}"
[[ ${#mains[@]} -gt 0 ]] && printf '%s\n' "${mains[@]}"
exit 0
