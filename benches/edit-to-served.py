#!/usr/bin/env python3
"""Edit-to-served of several gongshi binaries, interleaved edit by edit.

    benches/edit-to-served.py SITE VILLAGE_FILE PAGE_PATH BIN [BIN ...]
        (RUNS=11, EDIT=name or role, as in edit-to-served.sh)

Each binary serves its own copy of SITE (made under /dev/shm and removed
at the end); the edits go to each in turn (first binary first, then the
order reversed every run), so a machine whose load changes weighs on all
alike. Unlike edit-to-served.sh, the page is not asked for again and
again: each server's live-reload stream says when it rebuilt, and only
then is the page fetched, so no polling takes CPU from the server (on 2
cores that matters). Per edit, besides the wall time from saving the file
to the page showing it, the server's CPU time meanwhile (all threads,
from /proc/*/task/*/schedstat) is measured: on a loaded machine it says more
than the wall time. Prints the median, fastest and slowest of each.
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

site, village, page = sys.argv[1:4]
binaries = sys.argv[4:]
runs = int(os.environ.get("RUNS", "11"))
edit = os.environ.get("EDIT", "name")
pattern = {"name": r"^name:", "role": r"^ *current_role:"}[edit]


def cpu_seconds(pid):
    """CPU time of every thread of `pid` (nanoseconds, where /proc/*/stat
    counts in ticks of 10 ms)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except FileNotFoundError:
            pass
    return total / 1e9


class Server:
    def __init__(self, binary, number):
        self.root = tempfile.mkdtemp(prefix=f"edit-to-served-{number}-", dir="/dev/shm")
        shutil.rmtree(self.root)
        shutil.copytree(site, self.root)
        self.file = os.path.join(self.root, village)
        self.log = open(self.root + ".log", "w+")
        self.process = subprocess.Popen(
            [binary, "serve", "--root", self.root, "--port", "0", "--today", "2021-01-12"],
            stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(1200):
            self.log.seek(0)
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", self.log.read())
            if found:
                break
            time.sleep(0.1)
        else:
            sys.exit(f"{binary} did not start")
        self.port = int(found.group(1))
        self.events = socket.create_connection(("127.0.0.1", self.port))
        self.events.sendall(b"GET /__gongshi/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.pending = b""
        self.wall, self.cpu = [], []

    def reloaded(self):
        """Waits for the next reload event."""
        while b"data: reload" not in self.pending:
            chunk = self.events.recv(4096)
            if not chunk:
                sys.exit("the event stream ended")
            self.pending += chunk
        self.pending = self.pending.split(b"data: reload", 1)[1]

    def get(self, path):
        with socket.create_connection(("127.0.0.1", self.port)) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            body = b""
            while chunk := s.recv(65536):
                body += chunk
        return body.decode("utf-8", "replace")

    def replace(self, old, new):
        """Saves the file with `old` replaced, as `sed -i` does: a new file
        renamed over it."""
        with open(self.file, encoding="utf-8") as f:
            lines = f.readlines()
        at = next(i for i, line in enumerate(lines) if re.match(pattern, line))
        if old is None:
            lines[at] = re.sub(r'zh: "([^"]*)"', lambda m: f'zh: "{m.group(1)}{new}"', lines[at], count=1)
        else:
            lines[at] = lines[at].replace(old, new)
        temporary = os.path.join(os.path.dirname(self.file), ".edit-to-served.tmp")
        with open(temporary, "w", encoding="utf-8") as f:
            f.writelines(lines)
        os.rename(temporary, self.file)

    def until(self, shown):
        while not shown(self.get(page)):
            self.reloaded()

    def run(self, marker):
        self.pending = b""
        cpu, start = cpu_seconds(self.process.pid), time.perf_counter()
        self.replace(None, marker)
        self.until(lambda body: marker in body)
        self.wall.append((time.perf_counter() - start) * 1000)
        self.cpu.append((cpu_seconds(self.process.pid) - cpu) * 1000)
        self.replace(marker, "")
        self.until(lambda body: marker not in body)
        time.sleep(0.3)

    def close(self):
        self.process.terminate()
        self.process.wait()
        self.log.seek(0)
        rebuilt = [line for line in self.log.read().splitlines() if line.startswith("rebuilt in")]
        self.log.close()
        os.remove(self.log.name)
        shutil.rmtree(self.root)
        return rebuilt[-1] if rebuilt else ""


servers = [Server(binary, n) for n, binary in enumerate(binaries)]
try:
    for run in range(runs):
        order = servers if run % 2 == 0 else servers[::-1]
        for server in order:
            server.run(f"bench{run}x{os.getpid()}")
finally:
    lasts = [server.close() for server in servers]
with open("/proc/loadavg") as f:
    load = " ".join(f.read().split()[:3])
print(f"EDIT={edit}, {runs} runs, load average at the end {load}")
for binary, server, last in zip(binaries, servers, lasts):
    for what, values in (("edit-to-served", server.wall), ("server CPU", server.cpu)):
        print(f"{binary}: {what} median {statistics.median(values):.0f} ms"
              f"  min {min(values):.0f}  max {max(values):.0f}")
    print(f"{binary}: last {last}")
