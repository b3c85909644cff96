#!/usr/bin/env python3
"""Two gongshi binaries timed in turn on the same build, from nothing.

    benches/interleave.py OLD NEW ARGS...    (RUNS=7 by default)

ARGS are given to both binaries, with {out} replaced by an output folder
of each one's own (under /dev/shm). Before every run the output, its spare
folder and the root's .gongshi/ are removed, so that each run builds from
nothing. The order alternates (old first, then new first), so that a
machine that grows slower or faster during the run weighs on both alike.
Prints the median, the fastest and the slowest run of each.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

old, new = sys.argv[1], sys.argv[2]
args = sys.argv[3:]
runs = int(os.environ.get("RUNS", "7"))
root = args[args.index("--root") + 1] if "--root" in args else "."
times = {old: [], new: []}
for i in range(runs):
    for binary in ([old, new] if i % 2 == 0 else [new, old]):
        out = f"/dev/shm/interleave-{'old' if binary == old else 'new'}"
        for path in [out, f"/dev/shm/.{os.path.basename(out)}.gongshi-new", f"{root}/.gongshi"]:
            shutil.rmtree(path, ignore_errors=True)
        command = [binary] + [a.replace("{out}", out) for a in args]
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"{binary} failed with status {done.returncode}")
        times[binary].append(elapsed)
for binary, name in ((old, "old"), (new, "new")):
    t = times[binary]
    print(f"{name}: median {statistics.median(t):.3f} s  min {min(t):.3f}  max {max(t):.3f}  ({runs} runs)")
