"""fib(n), k times: one after the other, in k threads, in k processes.

What the GIL page runs, in CPython. Under the GIL the threads take as long
as the sequence (one thread computes at a time); each process has its own
interpreter and its own GIL, so k processes take about 1/k of the time on
k cores, once fib(n) outweighs starting them.

    python3 gil.py [n] [k]
"""
import sys
import time
from multiprocessing import Process
from threading import Thread


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def in_workers(kind, n, k):
    """Start k workers of `kind` computing fib(n), join them all; seconds."""
    began = time.perf_counter()
    workers = [kind(target=fib, args=(n,)) for _ in range(k)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - began


def in_sequence(n, k):
    began = time.perf_counter()
    for _ in range(k):
        fib(n)
    return time.perf_counter() - began


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 35
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    # How long a thread may hold the GIL while another waits (5 ms).
    print(f"switch interval: {sys.getswitchinterval() * 1000:.1f} ms")
    sequential = in_sequence(n, k)
    print(f"sequential: {sequential:.3f} s")
    for name, kind in (("threads", Thread), ("processes", Process)):
        took = in_workers(kind, n, k)
        print(f"{name}: {took:.3f} s, speedup {sequential / took:.2f}")
