"""`ordered_map(function, items)`: `function` of each item in as many forked processes as there are cores
(at most 4), the answers in the items' order. For the test scripts that run pynwb file after file: forked
after pynwb is imported, the processes start at once."""
import multiprocessing
import os


def ordered_map(function, items):
    processes = min(len(items), os.cpu_count() or 1, 4)
    if processes < 2:
        return [function(item) for item in items]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(function, items, chunksize=1)
