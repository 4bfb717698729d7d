"""`nwbkit catalog` measured: its time, and with `--thumbnails`, beside `nwbkit summarize --format jsonl` on
the same files (paired, taking turns), the site's size and previews, and a browser's time to first render
and to apply a facet on an index of 10,000 rows (SampleData's rows repeated with distinct paths), in
headless Chromium (playwright).

    python3 Benchmarks/catalog.py NWBKIT FOLDER... [--runs 3] [--rows 10000] [--tree FILE.nwb]

With --tree, also the catalog of that one (large) file: its time and peak memory, its page's size, and the
time from navigation to the first drawn tree rows in the browser.

Needs playwright and Debian's chromium (scripts/browser-check installs both).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("nwbkit")
parser.add_argument("folders", nargs="+")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--rows", type=int, default=10000)
parser.add_argument("--tree")
arguments = parser.parse_args()
work = tempfile.mkdtemp(prefix="nwbkit-catalog-bench-")


def timed(command, memory=None):
    """Seconds `command` takes; with a list as `memory`, its peak RSS in MiB (largest process) is appended."""
    rss = os.path.join(work, "rss")
    start = time.monotonic()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss] + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    if memory is not None:
        memory.append(int(open(rss).read().split()[-1]) / 1024)
    return seconds


def size(folder):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(folder) for name in names)


print("| input | files | `catalog` (s, median) | `catalog` peak RSS (MiB) | `catalog --thumbnails` (s, median) | `summarize --format jsonl` (s, median) | site size | index.html | previews (bytes read) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for folder in arguments.folders:
    site, drawn = os.path.join(work, "site"), os.path.join(work, "drawn")
    catalog, thumbnails, summarize, memory = [], [], [], []
    for _ in range(arguments.runs):
        catalog.append(timed([arguments.nwbkit, "catalog", "--quiet", "--output", site, folder], memory))
        thumbnails.append(timed([arguments.nwbkit, "catalog", "--quiet", "--thumbnails", "--output", drawn, folder]))
        summarize.append(timed([arguments.nwbkit, "summarize", "--quiet", "--format", "jsonl", "--output",
                                os.path.join(work, "out.jsonl"), folder]))
    files = len(os.listdir(os.path.join(site, "files")))
    previews = os.path.join(drawn, "previews")
    count = len(os.listdir(previews)) if os.path.isdir(previews) else 0
    read = 0
    for name in os.listdir(os.path.join(drawn, "files")):
        found = re.search(r"The previews read ([0-9]+) bytes", open(os.path.join(drawn, "files", name), encoding="utf-8").read())
        read += int(found.group(1)) if found else 0
    print(f"| {folder} | {files} | {statistics.median(catalog):.2f} | {max(memory):.0f} | {statistics.median(thumbnails):.2f} | "
          f"{statistics.median(summarize):.2f} | {size(site) / 1e6:.1f} MB | "
          f"{os.path.getsize(os.path.join(site, 'index.html')) / 1e6:.2f} MB | {count} ({read / 1e6:.1f} MB) |")

# An index of many rows: SampleData's rows repeated, each with its own path.
sample = os.path.join(work, "sample")
subprocess.run([arguments.nwbkit, "catalog", "--quiet", "--output", sample,
                os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SampleData")],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
html = open(os.path.join(sample, "index.html"), encoding="utf-8").read()
match = re.search(r'(<script type="application/json" id="rows">)(.*?)(</script>)', html, re.S)
base = json.loads(match.group(2))
rows = []
for index in range(arguments.rows):
    row = dict(base[index % len(base)])
    row["path"] = f"sub-{index:05d}/" + row["path"].split("/")[-1]
    rows.append(row)
blob = json.dumps(rows).replace("<", "\\u003c")
with open(os.path.join(sample, "index.html"), "w", encoding="utf-8") as handle:
    handle.write(html[:match.start(2)] + blob + html[match.end(2):])

from playwright.sync_api import sync_playwright

with sync_playwright() as driver:
    browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_context(offline=True).new_page()
    first, facet, search = [], [], []
    for _ in range(arguments.runs):
        start = time.monotonic()
        page.goto("file://" + os.path.join(sample, "index.html"))
        page.wait_for_selector("#files tbody tr")
        first.append(time.monotonic() - start)
        facet.append(page.evaluate("""() => { const box = document.querySelector('details[data-facet=species] input');
            const t = performance.now(); box.click(); return (performance.now() - t) / 1000; }"""))
        search.append(page.evaluate("""() => { const input = document.getElementById('search'); input.value = 'ophys';
            const t = performance.now(); input.dispatchEvent(new Event('input')); return (performance.now() - t) / 1000; }"""))
    tree_rows = []
    if arguments.tree:
        tree_site = os.path.join(work, "tree")
        start = time.monotonic()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", os.path.join(work, "tree.rss"), arguments.nwbkit, "catalog",
                        "--quiet", "--output", tree_site, arguments.tree], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tree_time = time.monotonic() - start
        tree_rss = int(open(os.path.join(work, "tree.rss")).read().split()[-1]) / 1024
        tree_page = os.path.join(tree_site, "files", "0001.html")
        draws = []
        for _ in range(arguments.runs):
            start = time.monotonic()
            page.goto("file://" + tree_page, timeout=300000)
            page.wait_for_selector(".tree div.object", timeout=300000)
            draws.append(time.monotonic() - start)
        tree_rows = [arguments.tree, tree_time, tree_rss, os.path.getsize(tree_page) / 1e6, statistics.median(draws)]
    browser.close()
if tree_rows:
    print()
    print("| file | `catalog` (s) | peak RSS, largest process (MiB) | file page | first tree rows drawn (s, median) |")
    print("|---|---:|---:|---:|---:|")
    print(f"| {tree_rows[0]} | {tree_rows[1]:.2f} | {tree_rows[2]:.0f} | {tree_rows[3]:.1f} MB | {tree_rows[4]:.3f} |")
print()
print(f"| rows | index.html | first render (s, median) | apply a facet (s, median) | search (s, median) |")
print("|---:|---:|---:|---:|---:|")
print(f"| {arguments.rows} | {os.path.getsize(os.path.join(sample, 'index.html')) / 1e6:.2f} MB | {statistics.median(first):.3f} | "
      f"{statistics.median(facet):.3f} | {statistics.median(search):.3f} |")
shutil.rmtree(work, ignore_errors=True)
