"""N threads each read a shared counter, sleep, and write it back plus one.

Without the lock, threads read the same old value while others sleep, and
their writes overwrite each other: updates are lost. With the lock, one
thread at a time goes from read to write, and the count comes out exact.
As on the page, every thread waits at a barrier until all of them run.

    python3 lock.py [threads] [sleep_ms] [use_lock]
    python3 lock.py --json threads=100 sleep_ms=1 use_lock=true
"""
import sys
import time
from threading import Barrier, Lock, Thread

counter = 0


def turn(lock, sleep_s, note=lambda event: None):
    global counter
    if lock is None:
        seen = counter
        note("read")
        time.sleep(sleep_s)
        counter = seen + 1
        note("wrote")
    else:
        with lock:
            note("locked")
            seen = counter
            note("read")
            time.sleep(sleep_s)
            counter = seen + 1
            note("wrote")
    return seen + 1


def race(threads, sleep_s, use_lock, note_for=lambda i: (lambda event: None)):
    """Runs the threads; what each one wrote."""
    lock = Lock() if use_lock else None
    all_started = Barrier(threads)
    written = [0] * threads

    def thread(i):
        note = note_for(i)
        note("started")
        all_started.wait()
        note("released")
        written[i] = turn(lock, sleep_s, note)

    workers = [Thread(target=thread, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return written


# --json: the lock page's report (the lanes and states the page draws).
def report(params):
    global counter
    from _report import ms, span
    counter = 0
    k = params["threads"]
    notes = [{} for _ in range(k)]

    def note_for(i):
        return lambda event: notes[i].__setitem__(event, time.perf_counter())

    asked = time.perf_counter()
    values = race(k, params["sleep_ms"] / 1000, params["use_lock"], note_for)
    took = time.perf_counter() - asked
    lane = lambda i: f"thread {i + 1}"
    timeline = []
    for i, seen in enumerate(notes):
        if "locked" in seen:
            timeline.append(span(lane(i), seen["released"], seen["locked"], "waiting", asked))
        timeline.append(span(lane(i), seen["read"], seen["wrote"], "read_write", asked))
    writes = sorted(({"lane": lane(i), "at_ms": ms(seen["wrote"], asked), "value": values[i]}
                     for i, seen in enumerate(notes)), key=lambda w: w["at_ms"])
    edges = sorted([(s["read"], 1) for s in notes] + [(s["wrote"], -1) for s in notes])
    most = open_now = 0
    for _, step in edges:
        open_now += step
        most = max(most, open_now)
    return {
        "value": counter,
        "expected": k,
        "lost_updates": k - counter,
        "ms": ms(asked + took, asked),
        "spawn_ms": ms(max(s["started"] for s in notes), asked),
        "max_overlap": most,
        "timeline": timeline,
        "writes": writes,
    }


if __name__ == "__main__":
    if "--json" in sys.argv:
        import _report as r
        r.main("lock", {"threads": r.integer(1, 256), "sleep_ms": r.integer(0, 100),
                        "use_lock": r.boolean},
               {"threads": 100, "sleep_ms": 1, "use_lock": True}, report)
        sys.exit()
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    sleep_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 1
    use_lock = (sys.argv[3] if len(sys.argv) > 3 else "true") == "true"
    began = time.perf_counter()
    race(threads, sleep_ms / 1000, use_lock)
    took = (time.perf_counter() - began) * 1000
    print(f"value {counter}, expected {threads}, lost updates {threads - counter}, {took:.0f} ms")
