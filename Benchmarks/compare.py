#!/usr/bin/env python3
"""Time commands side by side on the same inputs: several runs each (taking turns), median wall time,
peak memory, and the ratio to the first command. Prints a Markdown table. Peak memory is given twice: the largest
process (getrusage), and every process of the command at once (sampled every 5 ms during the untimed
warm-up run: nwbkit's workers and split-walk helpers run side by side).

    python3 Benchmarks/compare.py --runs 15 --name nwbkit -- CMD ... --name h5ls -- CMD ...
"""
import os
import statistics
import subprocess
import sys
import time


PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid):
    """Resident bytes of `pid` and all its descendants (0 for processes gone meanwhile)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * PAGE
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            pass
    return total


def sampled_peak(command):
    """The largest sum of resident memory (MiB) of the command's processes, sampled every 5 ms."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.005)
    return peak / (1 << 20)


def timed_run(command):
    """Wall seconds, peak RSS of the largest process (MiB) and exit code of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(commands, runs):
    """Per command: median wall seconds, the largest peak RSS of one process (MiB) over `runs` runs, and
    the peak of all its processes at once (sampled in the warm-up run). The runs take turns (one of
    each command, then the next round), so a machine that slows down for a while slows all alike and
    the ratios stay fair."""
    together = [sampled_peak(command) for command in commands]
    times = [[] for _ in commands]
    peaks = [[] for _ in commands]
    statuses = [set() for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            seconds, peak, status = timed_run(command)
            times[index].append(seconds)
            peaks[index].append(peak)
            statuses[index].add(status)
    return [
        (statistics.median(times[index]), max(peaks[index]), together[index], statuses[index])
        for index in range(len(commands))
    ]


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
    measured = measure([command for _, command in entries], runs)
    results = [(name,) + result for (name, _), result in zip(entries, measured)]
    base = results[0][1]
    print(
        f"| tool | median (ms, {runs} runs) | × {results[0][0]} time | peak RSS, largest process (MiB) "
        "| peak RSS, all processes (MiB) | exit |"
    )
    print("|---|---:|---:|---:|---:|---|")
    for name, median, peak, together, statuses in results:
        print(
            f"| {name} | {median * 1000:.1f} | {median / base:.2f} | {peak:.1f} | {together:.1f} "
            f"| {','.join(map(str, sorted(statuses)))} |"
        )


if __name__ == "__main__":
    main()
