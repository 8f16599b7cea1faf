#!/usr/bin/env python3
"""Times commands alternately, many rounds, and prints each one's median wall and CPU time and
its ratio to the first command's: on a small, shared machine the order of runs and the moment
they run in move single figures more than the change being measured does.

Usage: alternate.py ROUNDS LABEL COMMAND [LABEL COMMAND ...]
Each COMMAND is run by the shell, its output discarded and its exit status ignored (linters
exit non-zero on findings).
"""

import resource
import statistics
import subprocess
import sys
import time


def run(command):
    """Wall and CPU (user + system, of the command's processes) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    if len(sys.argv) < 4 or len(sys.argv) % 2 != 0:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = list(zip(sys.argv[2::2], sys.argv[3::2]))
    walls = {label: [] for label, _ in commands}
    cpus = {label: [] for label, _ in commands}
    for _ in range(rounds):
        for label, command in commands:
            wall, cpu = run(command)
            walls[label].append(wall)
            cpus[label].append(cpu)
    first = commands[0][0]
    base_wall = statistics.median(walls[first])
    base_cpu = statistics.median(cpus[first])
    print(f"median of {rounds} alternating rounds; ratios to the first command")
    print("| command | wall | CPU | wall ratio | CPU ratio |")
    print("|---|---:|---:|---:|---:|")
    for label, _ in commands:
        wall = statistics.median(walls[label])
        cpu = statistics.median(cpus[label])
        print(
            f"| {label} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | "
            f"{wall / base_wall:.2f}× | {cpu / base_cpu:.2f}× |"
        )


if __name__ == "__main__":
    main()
