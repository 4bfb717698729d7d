#!/usr/bin/env python3
"""Time commands side by side on the same inputs: several runs each, median wall time, peak memory,
and the ratio to the first command. Prints a Markdown table.

    python3 Benchmarks/compare.py --runs 15 --name nwbkit -- CMD ... --name h5ls -- CMD ...
"""
import os
import statistics
import subprocess
import sys
import time


def measure(command, runs):
    """Median wall seconds and the largest peak RSS (MiB) over `runs` runs (after one warm-up)."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times, peaks, statuses = [], [], set()
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        statuses.add(os.waitstatus_to_exitcode(status))
    return statistics.median(times), max(peaks), statuses


def parse(argv):
    runs, entries, name = 11, [], None
    index = 0
    while index < len(argv):
        if argv[index] == "--runs":
            runs = int(argv[index + 1])
            index += 2
        elif argv[index] == "--name":
            name = argv[index + 1]
            index += 2
        elif argv[index] == "--":
            end = index + 1
            while end < len(argv) and argv[end] != "--name":
                end += 1
            entries.append((name, argv[index + 1:end]))
            index = end
        else:
            sys.exit(f"unexpected argument {argv[index]}")
    return runs, entries


def main():
    runs, entries = parse(sys.argv[1:])
    results = []
    for name, command in entries:
        median, peak, statuses = measure(command, runs)
        results.append((name, median, peak, statuses))
    base = results[0][1]
    print(f"| tool | median (ms, {runs} runs) | × {results[0][0]} time | peak RSS (MiB) | exit |")
    print("|---|---:|---:|---:|---|")
    for name, median, peak, statuses in results:
        print(f"| {name} | {median * 1000:.1f} | {median / base:.2f} | {peak:.1f} | {','.join(map(str, sorted(statuses)))} |")


if __name__ == "__main__":
    main()
