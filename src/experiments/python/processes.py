"""Threads against processes: the same work, the cost of starting, and
isolation.

A child process has memory of its own: with the start method "fork" a copy
of the parent's, with "spawn" and "forkserver" a fresh interpreter that
imports this module again (hence the __main__ guard below). Either way,
what it changes the parent never sees. A thread shares the memory of the
process it runs in: what it changes, the main thread sees.

    python3 processes.py [n] [workers]
"""
import multiprocessing
import sys
import time
from multiprocessing import Process
from threading import Thread

counter = 0


def count(times):
    global counter
    for _ in range(times):
        counter += 1


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def started_and_joined(kind, n, workers):
    """Seconds to start the workers, and seconds until all are joined."""
    began = time.perf_counter()
    running = [kind(target=fib, args=(n,)) for _ in range(workers)]
    for worker in running:
        worker.start()
    spawned = time.perf_counter() - began
    for worker in running:
        worker.join()
    return spawned, time.perf_counter() - began


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 35
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"start method: {multiprocessing.get_start_method()}; the GIL is {'on' if gil_on else 'off'}")
    threads = "threads (GIL on)" if gil_on else "threads (free, GIL off)"
    for name, kind in ((threads, Thread), ("processes", Process)):
        spawned, total = started_and_joined(kind, n, workers)
        print(f"{name}: {total:.3f} s, of which starting {spawned * 1000:.1f} ms")

    child = Process(target=count, args=(1000,))
    child.start()
    child.join()
    print(f"parent's counter after a process counted to 1000: {counter}")
    thread = Thread(target=count, args=(1000,))
    thread.start()
    thread.join()
    print(f"main thread's counter after a thread counted to 1000: {counter}")
