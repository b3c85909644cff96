#!/usr/bin/env python3
"""What one search query downloads: opens OUT/LANG/search/index.html?q=QUERY
from file:// in headless Chromium, waits for the search to finish, and sums
the bytes of the page and of every script it loaded (search.js and the index
files under search/). Stylesheet and font are left out (cached by every
other page).

    benches/search-download.py OUT LANG QUERY [QUERY ...]

prints, per query: the bytes downloaded, the number of index files, what was
found (places, persons) and the index files by size. Needs `chromium`.
A probe page is written beside the search page and removed again."""

import os
import subprocess
import sys
import tempfile
import urllib.parse

PROBE = """<script>
(function () {
  var box = document.getElementById('search');
  (function wait() {
    if (!box.getAttribute('data-state')) { setTimeout(wait, 10); return; }
    var srcs = [];
    var all = document.querySelectorAll('script[src]');
    for (var i = 0; i < all.length; i++) { srcs.push(all[i].src); }
    document.body.setAttribute('data-loaded', srcs.join(' '));
  }());
}());
</script>"""


def measure(out, lang, query):
    page = os.path.join(out, lang, "search", "index.html")
    probe = os.path.join(out, lang, "search", "probe-download.html")
    html = open(page, encoding="utf-8").read()
    with open(probe, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>", PROBE + "</body>"))
    try:
        url = "file://" + probe + "?q=" + urllib.parse.quote(query)
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run(
                ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                 "--no-first-run", "--disable-background-networking",
                 "--user-data-dir=" + profile, "--virtual-time-budget=20000",
                 "--dump-dom", url],
                capture_output=True, text=True, timeout=120).stdout
    finally:
        os.remove(probe)
    loaded = dom.split('data-loaded="', 1)[1].split('"', 1)[0].split()
    files = [urllib.parse.unquote(urllib.parse.urlparse(u).path) for u in loaded]
    sizes = sorted(((os.path.getsize(f), os.path.relpath(f, out)) for f in files), reverse=True)
    total = os.path.getsize(page) + sum(s for s, _ in sizes)
    found = dom.split('data-found-places="', 1)[1].split('"', 1)[0], \
        dom.split('data-found-persons="', 1)[1].split('"', 1)[0]
    index = [(s, f) for s, f in sizes if f.startswith("search/")]
    print(f"{lang} {query}: {total / 1000:.1f} KB, {len(index)} index files "
          f"({sum(s for s, _ in index) / 1000:.1f} KB); found {found[0]} places, "
          f"{found[1]} persons; " + ", ".join(f"{f} {s / 1000:.1f}" for s, f in index))


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    out, lang = os.path.abspath(sys.argv[1]), sys.argv[2]
    for query in sys.argv[3:]:
        measure(out, lang, query)
    return 0


if __name__ == "__main__":
    sys.exit(main())
