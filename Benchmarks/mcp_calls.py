"""An assistant's calls on one file through `nwbkit mcp`, beside h5py opening the file for each call: the
wall time of each `nwb_object` call (the file's first call, then the next ones on other objects), as the
official Python MCP SDK (PyPI `mcp`) sees it.

    python3 Benchmarks/mcp_calls.py NWBKIT FILE [--calls 10] [--runs 3] [NWBKIT_BEFORE ...]

Objects are the file's first datasets in h5py's visiting order. Each binary gets its own server, `--runs`
times; the table gives the median of the first call and of the others, and h5py's median for the same
objects (open the file, read the object's metadata and its first 100 rows, close).
"""
import argparse
import asyncio
import statistics
import time

import h5py
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

parser = argparse.ArgumentParser()
parser.add_argument("nwbkit", nargs="+", help="one or more nwbkit binaries, compared")
parser.add_argument("--file", required=True)
parser.add_argument("--calls", type=int, default=10)
parser.add_argument("--runs", type=int, default=3)
arguments = parser.parse_args()

datasets = []
with h5py.File(arguments.file, "r") as file:
    def visit(name, item):
        if isinstance(item, h5py.Dataset) and len(datasets) < arguments.calls:
            datasets.append("/" + name)
    file.visititems(visit)


async def session_times(binary):
    params = StdioServerParameters(command=binary, args=["mcp"])
    times = []
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            for path in datasets:
                started = time.monotonic()
                result = await session.call_tool("nwb_object", {"path": arguments.file, "object": path, "count": 100})
                times.append(time.monotonic() - started)
                assert not result.isError if hasattr(result, "isError") else not result.is_error, result
    return times


def h5py_times():
    times = []
    for path in datasets:
        started = time.monotonic()
        with h5py.File(arguments.file, "r") as file:
            item = file[path]
            dict(item.attrs), item.shape, item.dtype
            item[:100] if item.shape else item[()]
        times.append(time.monotonic() - started)
    return times


print(f"{arguments.file}: {len(datasets)} nwb_object calls, {arguments.runs} runs")
print("| tool | first call (s) | each next call (s) |")
print("|---|---:|---:|")
for binary in arguments.nwbkit:
    firsts, nexts = [], []
    for _ in range(arguments.runs):
        times = asyncio.run(session_times(binary))
        firsts.append(times[0])
        nexts.append(statistics.median(times[1:]))
    print(f"| {binary} | {statistics.median(firsts):.3f} | {statistics.median(nexts):.4f} |")
runs = [h5py_times() for _ in range(arguments.runs)]
print(f"| h5py (open, metadata, 100 rows, close) | {statistics.median(r[0] for r in runs):.3f} | "
      f"{statistics.median(statistics.median(r[1:]) for r in runs):.4f} |")
