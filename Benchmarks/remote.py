"""Remote reading beside its peers: requests, bytes and wall time of `nwbkit summarize URL`, libhdf5's
ROS3 driver (`h5ls --vfd=ros3 -r URL`) and h5py + remfile (Benchmarks/h5py_walk.py), each file served
by the tests' stand-in (Tests/RemoteStandIn/standin.py) on 127.0.0.1 with 0, 20 and 50 ms added per request.

    python3 Benchmarks/remote.py NWBKIT FILE... [--latencies 0,20,50] [--runs 3] [--limit 120] [--tools nwbkit,ros3,remfile]
    python3 Benchmarks/remote.py NWBKIT FILE... --compare     # requests and bytes only, nwbkit beside remfile,
                                                              # with the ratios the targets name

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
parser.add_argument("--tools", default="nwbkit,ros3,remfile")
parser.add_argument("--compare", action="store_true",
                    help="one run at 0 ms of nwbkit and h5py + remfile: requests, bytes and the ratios to remfile's")
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
    every = [
        ("nwbkit", "nwbkit summarize --format json", [arguments.nwbkit, "summarize", "--format", "json", "--jobs", "0", url]),
        ("ros3", "h5ls --vfd=ros3 -r", ["h5ls", "--vfd=ros3", "-r", url]),
        ("remfile", "h5py + remfile", [sys.executable, os.path.join(here, "h5py_walk.py"), url]),
    ]
    chosen = arguments.tools.split(",")
    return [(label, command) for key, label, command in every if key in chosen]


def compare():
    """Requests and bytes of nwbkit and h5py + remfile on each file (0 ms), and nwbkit's over remfile's."""
    print("| file | size | nwbkit requests | remfile requests | nwbkit bytes | remfile bytes | bytes ratio | within target |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    misses = 0
    for path in arguments.files:
        root, name = os.path.dirname(os.path.abspath(path)), os.path.basename(path)
        server, port = start(root, 0)
        url = f"http://127.0.0.1:{port}/files/{name}"
        try:
            figures = []
            for command in ([arguments.nwbkit, "summarize", "--format", "json", "--jobs", "0", url],
                            [sys.executable, os.path.join(here, "h5py_walk.py"), url]):
                fetch(port, "_reset")
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=arguments.limit)
                stats = fetch(port, "_stats")
                figures.append((stats["requests"], stats["bytes"]))
        finally:
            server.stdin.close()
            server.wait()
        (own_requests, own_bytes), (peer_requests, peer_bytes) = figures
        ratio = own_bytes / peer_bytes if peer_bytes else float("inf")
        within = own_requests <= peer_requests and ratio <= 1.25
        misses += not within
        print(f"| {name} | {os.path.getsize(path) / 1e6:.2f} MB | {own_requests} | {peer_requests} | {own_bytes / 1e6:.3f} MB "
              f"| {peer_bytes / 1e6:.3f} MB | {ratio:.2f} | {'yes' if within else 'NO'} |")
    print(f"\n{len(arguments.files) - misses} of {len(arguments.files)} files within the target "
          "(requests <= remfile's, bytes <= 1.25 x remfile's)")


if arguments.compare:
    compare()
    sys.exit(0)


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
