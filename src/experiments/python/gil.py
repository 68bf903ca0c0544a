"""k shares of work: one after the other, in k threads, in k processes.

What the GIL page runs, in CPython. A share computes fib(n) (work "cpu")
or waits sleep_ms (work "sleep", as time.sleep or I/O do).

Computing, threads under the GIL take as long as the sequence: one thread
computes at a time. Each process has its own interpreter and its own GIL,
so k processes take about 1/k of the time on k cores, once fib(n)
outweighs starting them. Waiting, a thread lets go of the GIL, so k
threads take about 1/k of the sequence too.

    python3 gil.py [n] [k] [cpu|sleep] [sleep_ms]
"""
import sys
import time
from multiprocessing import Process
from threading import Thread


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def share(work, n, sleep_s):
    if work == "sleep":
        time.sleep(sleep_s)  # CPython lets go of the GIL while it sleeps
    else:
        fib(n)


def in_workers(kind, k, args):
    """Start k workers of `kind` doing one share each, join them; seconds."""
    began = time.perf_counter()
    workers = [kind(target=share, args=args) for _ in range(k)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - began


def in_sequence(k, args):
    began = time.perf_counter()
    for _ in range(k):
        share(*args)
    return time.perf_counter() - began


def reading(speedup, k):
    """What a speedup says, in words."""
    if speedup >= 0.8 * k and k > 1:
        return "about k×: the shares ran at once"
    if speedup <= 1.25:
        return "no faster than the sequence"
    return "between 1× and k×"


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 35
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    work = sys.argv[3] if len(sys.argv) > 3 else "cpu"
    sleep_ms = float(sys.argv[4]) if len(sys.argv) > 4 else 200
    if work not in ("cpu", "sleep"):
        sys.exit(f"work must be cpu or sleep, not {work!r}")
    # How long a thread that wants the GIL waits before it asks the holder
    # to drop it; the holder drops it at its next check, and C code that
    # keeps the GIL (a long computation in an extension) can hold it longer.
    print(f"switch interval: {sys.getswitchinterval() * 1000:.1f} ms")
    gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"the GIL is {'on' if gil_on else 'off'}; work: "
          + (f"wait {sleep_ms:g} ms" if work == "sleep" else f"fib({n})") + f", k = {k}")
    args = (work, n, sleep_ms / 1000)
    in_sequence(1, (work, min(n, 25), 0))  # a warm-up round, not timed
    sequential = in_sequence(k, args)
    print(f"sequential: {sequential:.3f} s")
    for name, kind in (("threads", Thread), ("processes", Process)):
        took = in_workers(kind, k, args)
        speedup = sequential / took
        print(f"{name}: {took:.3f} s, speedup {speedup:.2f}× ({reading(speedup, k)})")
