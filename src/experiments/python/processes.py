"""Threads against processes: the same work, the cost of starting, and
isolation.

A child process has memory of its own: with the start method "fork" a copy
of the parent's; with "spawn" a fresh interpreter, and with "forkserver" a
fork of a fresh server process, both of which import this module again
(hence the __main__ guard below). Either way, what it changes the parent
never sees. A thread shares the memory of the process it runs in: what it
changes, the main thread sees.

    python3 processes.py [n] [workers]
    python3 processes.py --json n=30 workers=2
"""
import multiprocessing
import os
import queue
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
    """Seconds the start() calls took, and seconds until all are joined."""
    began = time.perf_counter()
    running = [kind(target=fib, args=(n,)) for _ in range(workers)]
    for worker in running:
        worker.start()
    spawned = time.perf_counter() - began
    for worker in running:
        worker.join()
    return spawned, time.perf_counter() - began


# --json: the processes page's report. The work in threads and in
# processes is gil.py's (stamped, so the threads' timeline shows who held
# the GIL); starting is timed with workers that do nothing, twice.
def started(answers, i):
    answers.put((i, time.perf_counter()))


def time_to_start(kind, workers):
    """Seconds from asking for the workers until the last one ran."""
    answers = multiprocessing.Queue() if kind is Process else queue.Queue()
    asked = time.perf_counter()
    running = [kind(target=started, args=(answers, i)) for i in range(workers)]
    for worker in running:
        worker.start()
    last = max(answers.get()[1] for _ in running)
    for worker in running:
        worker.join()
    return last - asked


def counted_in_child(answers, times):
    count(times)
    answers.put(counter)


def report(params):
    global counter
    import gil
    from _report import gil_enabled
    n, k = params["n"], params["workers"]
    threads = "gil" if gil_enabled() else "free"
    spawn = [{"mode": name, "cold_ms": round(time_to_start(kind, k) * 1000, 3),
              "warm_ms": round(time_to_start(kind, k) * 1000, 3)}
             for name, kind in (("threads", Thread), ("processes", Process))]
    counter = 0
    answers = multiprocessing.Queue()
    child = Process(target=counted_in_child, args=(answers, 1000))
    child.start()
    in_child = answers.get()
    child.join()
    in_parent = counter
    thread = Thread(target=count, args=(1000,))
    thread.start()
    thread.join()
    isolation = {"increments": 1000, "thread_counter": counter,
                 "process_counter_in_parent": in_parent, "process_counter_in_child": in_child}
    runs, timeline = gil.measured([threads, "processes"], k, "cpu", n, 0, gil.fib(n))
    return {"value": gil.fib(n), "runs": runs, "spawn": spawn, "isolation": isolation,
            "timeline": timeline, "fib_ms": round(one_fib_ms(timeline, k), 3)}


def one_fib_ms(timeline, k):
    """fib(n) once, alone on a core: under the GIL the k computations run one
    at a time, so the time it was held, over k. Without a GIL, the processes'
    mean span, scaled down when more of them ran than there are cores (each
    then had only part of one)."""
    held = [s["end_ms"] - s["start_ms"] for s in timeline if s["state"] == "holding_gil"]
    if held:
        return sum(held) / k
    computing = [s["end_ms"] - s["start_ms"] for s in timeline
                 if s["mode"] == "processes" and s["state"] == "running"]
    return sum(computing) / len(computing) * min(k, os.cpu_count() or 1) / k


if __name__ == "__main__":
    if "--json" in sys.argv:
        import _report as r
        r.main("processes", {"n": r.integer(1, 45), "workers": r.integer(1, 16)},
               {"n": 35, "workers": 2}, report)
        sys.exit()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 35
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    gil_on = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"start method: {multiprocessing.get_start_method()}; the GIL is {'on' if gil_on else 'off'}")
    threads = "threads (GIL on)" if gil_on else "threads (free, GIL off)"
    for name, kind in ((threads, Thread), ("processes", Process)):
        spawned, total = started_and_joined(kind, n, workers)
        print(f"{name}: {total:.3f} s, of which the start() calls {spawned * 1000:.1f} ms")

    child = Process(target=count, args=(1000,))
    child.start()
    child.join()
    print(f"parent's counter after a process counted to 1000: {counter}")
    thread = Thread(target=count, args=(1000,))
    thread.start()
    thread.join()
    print(f"main thread's counter after a thread counted to 1000: {counter}")
