#!/usr/bin/env bash
# Peak and course of a command's resident memory.
#
#   RSS_LOG=FILE benches/rss-sample.sh CMD [ARGS...]
#
# Runs CMD under /usr/bin/time (wall, user and system time, peak resident
# memory, printed at the end) and appends to RSS_LOG (default
# /tmp/rss.log), every second, "SECONDS RSS_MB" of CMD as read from
# /proc/PID/status: where in a run its memory grows, not only its peak.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: RSS_LOG=FILE benches/rss-sample.sh CMD [ARGS...]" >&2; exit 2; }
log=${RSS_LOG:-/tmp/rss.log}
/usr/bin/time -f '%e s %U u %S sys %M KB' "$@" &
timer=$!
sleep 0.5
pid=$(pgrep -P "$timer" | head -1 || true)
start=$(date +%s)
while kill -0 "$timer" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [[ -n $rss ]] && echo "$(( $(date +%s) - start )) $(( rss / 1024 ))" >>"$log"
  sleep 1
done
wait "$timer"
