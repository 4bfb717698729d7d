"""A whole dandiset from the stand-in archive: requests and wall time of `nwbkit summarize DANDI:000001`
over a dandiset of N assets (SampleData's files, round robin), cold and with a warm --cache, beside the
original generator's way of reaching the same blobs (the listing at its page size of 100, then one
redirect-following HEAD per asset, as LindiRemfile does before it reads), at 0 and 20 ms per request.

    python3 Benchmarks/dandiset.py NWBKIT [--assets 1000] [--latencies 0,20] [--page-sizes 100,1000]
    python3 Benchmarks/dandiset.py NWBKIT --concurrency --assets 1000,10000 --latencies 20,50
        # part 11: `nwbkit assets DANDI:…` with default options (cold, no cache) and the peak memory of the
        # whole run (the parent and its workers, their resident sets summed every 0.1 s), beside --jobs 2

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
parser.add_argument("--assets", default="1000")
parser.add_argument("--concurrency", action="store_true")
parser.add_argument("--latencies", default="0,20")
parser.add_argument("--page-sizes", default="100,1000")
arguments = parser.parse_args()

samples = sorted(name for name in os.listdir(root) if name.endswith(".nwb"))
work = tempfile.mkdtemp(prefix="nwbkit-dandiset-bench-")
config = os.path.join(work, "archive.json")


def write_config(count):
    assets = [{"path": f"sub-{i:05d}/sub-{i:05d}_{samples[i % len(samples)]}", "file": samples[i % len(samples)]}
              for i in range(count)]
    with open(config, "w") as handle:
        json.dump({"dandisets": [{"id": "000001", "versions": {"draft": {"metadata": {"name": "bench"}, "assets": assets}}}]},
                  handle)


def peak_memory(process, tag):
    """Runs until `process` ends; the largest sum of resident sets of the processes carrying `tag`."""
    marker = f"NWBKIT_BENCH_TAG={tag}".encode()
    peak = 0
    while process.poll() is None:
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as handle:
                    if marker not in handle.read():
                        continue
                with open(f"/proc/{entry}/status") as handle:
                    for line in handle:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1]) * 1024
            except OSError:
                continue
        peak = max(peak, total)
        time.sleep(0.1)
    return peak


def concurrency():
    print("| assets | latency (ms) | jobs | blob requests | wall time (s) | peak memory, all processes (MiB) | exit |")
    print("|---:|---:|---|---:|---:|---:|---|")
    for count in [int(v) for v in arguments.assets.split(",")]:
        write_config(count)
        for latency in [float(v) for v in arguments.latencies.split(",")]:
            server, port = start(latency)
            try:
                for jobs in [None, 2]:
                    if jobs == 2 and count > 1000:
                        continue  # 10,000 assets at --jobs 2 take about ten minutes; 1,000 show the ratio
                    get(port, "_reset")
                    environment = dict(os.environ, NWBKIT_BENCH_TAG=f"{count}-{latency}-{jobs}")
                    command = [arguments.nwbkit, "assets", "--dandi-instance", f"http://127.0.0.1:{port}/api",
                               "DANDI:000001/draft"] + ([] if jobs is None else ["--jobs", str(jobs)])
                    began = time.monotonic()
                    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                               env=environment)
                    peak = peak_memory(process, environment["NWBKIT_BENCH_TAG"])
                    wall = time.monotonic() - began
                    stats = get(port, "_stats")
                    print(f"| {count} | {latency:g} | {'default' if jobs is None else jobs} | {stats['blobs']} | "
                          f"{wall:.1f} | {peak / 2**20:.0f} | {process.returncode} |", flush=True)
            finally:
                server.stdin.close()
                server.wait()
    shutil.rmtree(work, ignore_errors=True)


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


if arguments.concurrency:
    concurrency()
    sys.exit(0)
write_config(int(arguments.assets))
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
                print(f"| {int(arguments.assets)} | {latency:g} | {label}{status} | {page_size} | {stats['api']} | "
                      f"{stats['blobs']} | {wall:.2f} |")
        get(port, "_reset")
        start_time = time.monotonic()
        generator_style(port)
        wall = time.monotonic() - start_time
        stats = get(port, "_stats")
        print(f"| {int(arguments.assets)} | {latency:g} | listing + a redirect per asset (generator, no reads) | 100 | "
              f"{stats['api']} | {stats['blobs']} | {wall:.2f} |")
    finally:
        server.stdin.close()
        server.wait()
shutil.rmtree(work, ignore_errors=True)
