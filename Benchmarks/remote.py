"""Remote reading beside its peers: requests, bytes and wall time of `nwbkit summarize URL`, libhdf5's
ROS3 driver (`h5ls --vfd=ros3 -r URL`) and h5py + remfile (Benchmarks/h5py_walk.py), each file served
by the tests' stand-in (Tests/RemoteStandIn/standin.py) on 127.0.0.1 with 0, 20 and 50 ms added per request.

    python3 Benchmarks/remote.py NWBKIT FILE... [--latencies 0,20,50] [--runs 3] [--limit 120]

The tools take turns in every round; the table gives the median wall time and the requests and bytes of
the first run (they do not change between runs). A run over --limit seconds is stopped and shown as such.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("nwbkit")
parser.add_argument("files", nargs="+")
parser.add_argument("--latencies", default="0,20,50")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--limit", type=float, default=120)
arguments = parser.parse_args()


def start(root, latency):
    server = subprocess.Popen(
        [sys.executable, os.path.join(here, "..", "Tests", "RemoteStandIn", "standin.py"), "--root", root,
         "--latency-ms", str(latency), "--max-seconds", "3600"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(server.stdout.readline().split()[1])
    return server, port


def fetch(port, route):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{route}") as response:
        return json.loads(response.read())


def tools(url):
    return [
        ("nwbkit summarize --format json", [arguments.nwbkit, "summarize", "--format", "json", "--jobs", "0", url]),
        ("h5ls --vfd=ros3 -r", ["h5ls", "--vfd=ros3", "-r", url]),
        ("h5py + remfile", [sys.executable, os.path.join(here, "h5py_walk.py"), url]),
    ]


print("| file | latency | tool | requests | bytes fetched | wall time (s, median) | exit |")
print("|---|---:|---|---:|---:|---:|---|")
for path in arguments.files:
    root, name = os.path.dirname(os.path.abspath(path)), os.path.basename(path)
    size = os.path.getsize(path)
    for latency in [float(value) for value in arguments.latencies.split(",")]:
        server, port = start(root, latency)
        url = f"http://127.0.0.1:{port}/files/{name}"
        results = {}
        try:
            for round in range(arguments.runs):
                for label, command in tools(url):
                    if results.get(label, {}).get("stopped"):
                        continue
                    fetch(port, "_reset")
                    began = time.monotonic()
                    try:
                        status = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                timeout=arguments.limit).returncode
                        stopped = False
                    except subprocess.TimeoutExpired:
                        status, stopped = "stopped", True
                    elapsed = time.monotonic() - began
                    stats = fetch(port, "_stats")
                    entry = results.setdefault(label, {"times": [], "requests": stats["requests"],
                                                       "bytes": stats["bytes"], "status": status})
                    entry["times"].append(elapsed)
                    entry["stopped"] = stopped
        finally:
            server.stdin.close()
            server.wait()
        for label, _ in tools(url):
            entry = results[label]
            wall = f"> {arguments.limit:.0f} (stopped)" if entry["stopped"] else f"{statistics.median(entry['times']):.2f}"
            print(f"| {name} ({size / 1e6:.1f} MB) | {latency:.0f} ms | {label} | {entry['requests']}"
                  f"{'+' if entry['stopped'] else ''} | {entry['bytes'] / 1e6:.2f} MB | {wall} | {entry['status']} |",
                  flush=True)
