"""Runs one command and prints its wall time and peak memory as JSON, for the benchmark's
native CPython side:  python3 measure_native.py CAP_MIB CMD [ARG...]

- maxRssKib: the child's peak resident set (getrusage(RUSAGE_CHILDREN).ru_maxrss, KiB on
  Linux): the most physical memory the job ever held.
- CAP_MIB: an address-space limit (RLIMIT_AS) on the child, so a job that outgrows it
  ends with MemoryError instead of pushing a shared machine into swap.
"""
import json
import resource
import subprocess
import sys
import time


def main():
    cap = int(sys.argv[1]) * 2**20
    command = sys.argv[2:]

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    began = time.perf_counter()
    run = subprocess.run(command, preexec_fn=limit_memory, capture_output=True, text=True)
    elapsed_ms = (time.perf_counter() - began) * 1000
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    output = run.stdout + run.stderr
    print(json.dumps({
        "ms": elapsed_ms, "maxRssKib": peak_kib, "status": run.returncode,
        "memoryError": "MemoryError" in output, "tail": output[-800:],
    }))


if __name__ == "__main__":
    main()
