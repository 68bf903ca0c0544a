"""N threads pass through a Semaphore of k permits, each holding it for a
random time: never more than k hold it at once.

The hold times come from the seed as on the page (the same hash), so a
seed gives the page's hold times here too.

    python3 semaphore.py [permits] [threads] [max_hold_ms] [seed]
    python3 semaphore.py --json permits=3 threads=5 max_hold_ms=2000 seed=7
"""
import random
import sys
import time
from threading import Semaphore, Thread


def hold(sema, i, seconds, note=lambda event: None):
    note("asked")
    with sema:
        note("acquire")
        print(f"{i} acquired a permit")
        time.sleep(seconds)
        note("release")
    print(f"{i} released its permit")


def hold_ms(seed, i, max_ms):
    """Thread i's hold time, from the seed (SplitMix64, as the page)."""
    mask = (1 << 64) - 1
    z = (seed + (i + 1) * 0x9E3779B97F4A7C15 + 0x9E3779B97F4A7C15) & mask
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
    z ^= z >> 31
    return z % (max_ms + 1)


def run(permits, threads, max_hold_ms, seed, note_for=lambda i: (lambda event: None)):
    sema = Semaphore(permits)
    workers = [
        Thread(target=hold, args=(sema, i + 1, hold_ms(seed, i, max_hold_ms) / 1000, note_for(i)))
        for i in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


# --json: the semaphore page's report.
def report(params):
    import contextlib
    import io
    from _report import ms, span
    k = params["threads"]
    notes = [{} for _ in range(k)]
    note_for = lambda i: (lambda event: notes[i].__setitem__(event, time.perf_counter()))
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # the report is the output
        run(params["permits"], k, params["max_hold_ms"], params["seed"], note_for)
    took = time.perf_counter() - start
    timeline, log, changes = [], [], []
    for i, seen in enumerate(notes):
        timeline.append(span(f"thread {i + 1}", seen["asked"], seen["acquire"], "waiting", start))
        timeline.append(span(f"thread {i + 1}", seen["acquire"], seen["release"], "holding", start))
        for event, step, text in (("acquire", 1, "acquired a permit"), ("release", -1, "released its permit")):
            log.append({"t_ms": ms(seen[event], start), "thread": i + 1, "text": f"{i + 1} {text}"})
            changes.append((ms(seen[event], start), step))
    log.sort(key=lambda line: line["t_ms"])
    changes.sort()
    concurrency, holding = [], 0
    for at, step in changes:
        holding += step
        concurrency.append([at, max(holding, 0)])
    return {
        "max_concurrent": max(count for _, count in concurrency),
        "permits": params["permits"],
        "hold_ms": [hold_ms(params["seed"], i, params["max_hold_ms"]) for i in range(k)],
        "log": log,
        "timeline": timeline,
        "concurrency": concurrency,
        "ms": ms(start + took, start),
    }


if __name__ == "__main__":
    if "--json" in sys.argv:
        import _report as r
        r.main("semaphore", {
            "permits": r.integer(1, 64), "threads": r.integer(1, 256),
            "max_hold_ms": r.integer(0, 60_000), "seed": r.integer(0, 4_294_967_295),
        }, {
            "permits": 3, "threads": 5, "max_hold_ms": 2000,
            "seed": lambda _: random.randrange(4_294_967_296),
        }, report)
        sys.exit()
    permits = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    max_hold_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else random.randrange(4_294_967_296)
    run(permits, threads, max_hold_ms, seed)
