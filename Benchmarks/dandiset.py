"""A whole dandiset from the stand-in archive: requests and wall time of `nwbkit summarize DANDI:000001`
over a dandiset of N assets (SampleData's files, round robin), cold and with a warm --cache, beside the
original generator's way of reaching the same blobs (the listing at its page size of 100, then one
redirect-following HEAD per asset, as LindiRemfile does before it reads), at 0 and 20 ms per request.

    python3 Benchmarks/dandiset.py NWBKIT [--assets 1000] [--latencies 0,20] [--page-sizes 100,1000]

Each row is one run (the request counts do not vary between runs).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "SampleData")
parser = argparse.ArgumentParser()
parser.add_argument("nwbkit")
parser.add_argument("--assets", type=int, default=1000)
parser.add_argument("--latencies", default="0,20")
parser.add_argument("--page-sizes", default="100,1000")
arguments = parser.parse_args()

samples = sorted(name for name in os.listdir(root) if name.endswith(".nwb"))
work = tempfile.mkdtemp(prefix="nwbkit-dandiset-bench-")
config = os.path.join(work, "archive.json")
assets = [{"path": f"sub-{i:04d}/sub-{i:04d}_{samples[i % len(samples)]}", "file": samples[i % len(samples)]}
          for i in range(arguments.assets)]
with open(config, "w") as handle:
    json.dump({"dandisets": [{"id": "000001", "versions": {"draft": {"metadata": {"name": "bench"}, "assets": assets}}}]},
              handle)


def start(latency):
    server = subprocess.Popen(
        [sys.executable, os.path.join(here, "..", "Tests", "RemoteStandIn", "standin.py"), "--root", root,
         "--latency-ms", str(latency), "--max-seconds", "3600", "--dandi", config],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return server, int(server.stdout.readline().split()[1])


def get(port, route):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{route}") as response:
        return json.loads(response.read())


def generator_style(port):
    """The listing at 100 a page, then a HEAD that follows each asset's download redirect."""
    url = f"http://127.0.0.1:{port}/api/dandisets/000001/versions/draft/assets/?order=path&page_size=100"
    ids = []
    while url:
        with urllib.request.urlopen(url) as response:
            page = json.loads(response.read())
        ids += [entry["asset_id"] for entry in page["results"]]
        url = page["next"]
    for asset_id in ids:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/assets/{asset_id}/download/", method="HEAD")
        urllib.request.urlopen(request).read()


print(f"| assets | latency (ms) | run | page size | API requests | blob requests | wall time (s) |")
print("|---:|---:|---|---:|---:|---:|---:|")
for latency in [float(v) for v in arguments.latencies.split(",")]:
    server, port = start(latency)
    try:
        for page_size in [int(v) for v in arguments.page_sizes.split(",")]:
            cache = os.path.join(work, f"cache-{latency}-{page_size}")
            for label in ["nwbkit, cold", "nwbkit, warm --cache"]:
                get(port, "_reset")
                start_time = time.monotonic()
                run = subprocess.run(
                    [arguments.nwbkit, "summarize", "--format", "jsonl", "--cache", cache, "--listing-page-size",
                     str(page_size), "--dandi-instance", f"http://127.0.0.1:{port}/api", "DANDI:000001/draft"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                wall = time.monotonic() - start_time
                stats = get(port, "_stats")
                status = "" if run.returncode == 0 else f" (exit {run.returncode})"
                print(f"| {arguments.assets} | {latency:g} | {label}{status} | {page_size} | {stats['api']} | "
                      f"{stats['blobs']} | {wall:.2f} |")
        get(port, "_reset")
        start_time = time.monotonic()
        generator_style(port)
        wall = time.monotonic() - start_time
        stats = get(port, "_stats")
        print(f"| {arguments.assets} | {latency:g} | listing + a redirect per asset (generator, no reads) | 100 | "
              f"{stats['api']} | {stats['blobs']} | {wall:.2f} |")
    finally:
        server.stdin.close()
        server.wait()
shutil.rmtree(work, ignore_errors=True)
