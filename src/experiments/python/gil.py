"""k shares of work: one after the other, in k threads, in k processes.

What the GIL page runs, in CPython. A share computes fib(n) (work "cpu")
or waits sleep_ms (work "sleep", as time.sleep or I/O do).

Computing, threads under the GIL take as long as the sequence: one thread
computes at a time. Each process has its own interpreter and its own GIL,
so k processes take about 1/k of the time on k cores, once fib(n)
outweighs starting them. Waiting, a thread lets go of the GIL, so k
threads take about 1/k of the sequence too.

    python3 gil.py [n] [k] [cpu|sleep] [sleep_ms]
    python3 gil.py --json n=30 threads=2 switch_interval_ms=5 work=cpu

With --json it writes the GIL page's report, and shows who held CPython's
real GIL when: each thread notes the time whenever its fib reaches a
subtree of size STAMP_AT (a stamp every few tenths of a ms of work), and a
thread's stamps stop while another thread holds the GIL.
"""
import os
import sys
import time
from multiprocessing import Process, Queue
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


# --json: the GIL page's report. Every share below is stamped, in every
# mode, so the modes compare alike; what the stamps cost is measured too.

STAMP_AT = 18  # fib(18) is 8361 calls; the page reports the median time between stamps


def fib_stamped(n, stamps):
    """fib(n), noting the time at the root of every subtree of size
    STAMP_AT or less: the same calls as fib(n), plus one stamp each."""
    if n <= STAMP_AT:
        stamps.append(time.perf_counter())
        return fib(n)
    return fib_stamped(n - 1, stamps) + fib_stamped(n - 2, stamps)


def stamped_share(work, n, sleep_s):
    """One share: (value, stamps); the first stamp is its start, the last
    its end."""
    stamps = [time.perf_counter()]
    value = 0
    if work == "sleep":
        time.sleep(sleep_s)
    else:
        value = fib_stamped(n, stamps)
    stamps.append(time.perf_counter())
    return value, stamps


def in_child(queue, i, work, n, sleep_s):
    value, stamps = stamped_share(work, n, sleep_s)
    # perf_counter is the system's monotonic clock: the parent can read it.
    queue.put((i, value, stamps[0], stamps[-1]))


def gil_spans(shares, asked, lane):
    """Who held the GIL when, from the threads' stamps: while one thread
    holds it, only its stamps come. A hold runs from a thread's first stamp
    after another's to the next thread's first stamp (or its own end), so
    a hand-over is placed to within one stamp interval. Spans, switches."""
    stream = sorted((t, i) for i, (_, stamps) in enumerate(shares) for t in stamps)
    holds = []  # [thread, from, to]
    for t, i in stream:
        if holds and holds[-1][0] == i:
            continue
        if holds:
            holds[-1][2] = t
        holds.append([i, t, None])
    spans = []
    for i, start, end in holds:
        ended = shares[i][1][-1]
        end = ended if end is None else min(end, ended)
        spans.append((i, "holding_gil", start, end))
    # Between its holds (and from being asked for), a thread waits.
    for i, (_, stamps) in enumerate(shares):
        mine = [(s, e) for j, _, s, e in spans if j == i]
        since = asked
        for start, end in mine:
            if start > since:
                spans.append((i, "waiting", since, start))
            since = end
    spans.sort(key=lambda s: (s[0], s[2]))
    return [dict(lane=lane(i), state=state, start=s, end=e) for i, state, s, e in spans], len(holds) - 1


def run_mode(mode, k, work, n, sleep_s):
    """One round of a mode: (seconds, values, spans as dicts of perf_counter
    times, spawn seconds or None, switches or None, asked)."""
    asked = time.perf_counter()
    state = "sleeping" if work == "sleep" else "running"
    if mode == "sequential":
        shares = [stamped_share(work, n, sleep_s) for _ in range(k)]
        took = time.perf_counter() - asked
        spans = [dict(lane="sequential", state=state, start=s[0], end=s[-1]) for _, s in shares]
        return took, [v for v, _ in shares], spans, None, None, asked
    if mode == "processes":
        queue = Queue()
        children = [Process(target=in_child, args=(queue, i, work, n, sleep_s)) for i in range(k)]
        for child in children:
            child.start()
        answers = sorted(queue.get() for _ in children)
        for child in children:
            child.join()
        took = time.perf_counter() - asked
        spans = []
        for i, _, start, end in answers:
            spans.append(dict(lane=f"process {i + 1}", state="starting", start=asked, end=start))
            spans.append(dict(lane=f"process {i + 1}", state=state, start=start, end=end))
        spawn = max(start for _, _, start, _ in answers) - asked
        return took, [v for _, v, _, _ in answers], spans, spawn, None, asked
    shares = [None] * k

    def thread(i):
        shares[i] = stamped_share(work, n, sleep_s)

    threads = [Thread(target=thread, args=(i,)) for i in range(k)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - asked
    spawn = max(s[0] for _, s in shares) - asked
    lane = lambda i: f"thread {i + 1}"
    if mode == "gil" and work == "cpu":
        spans, switches = gil_spans(shares, asked, lane)
    else:
        spans = [dict(lane=lane(i), state=state, start=s[0], end=s[-1]) for i, (_, s) in enumerate(shares)]
        switches = None
    return took, [v for v, _ in shares], spans, spawn, switches, asked


BUDGET_S, MAX_ROUNDS = 2.5, 12  # as the page: rounds until about 2.5 s went into them


def another_round(done, spent, budget, most):
    return done == 0 or (done < most and spent / done * (done + 1) <= budget)


def threads_mode():
    from _report import gil_enabled
    return "gil" if gil_enabled() else "free"


def check(params):
    from _report import Usage
    threads = threads_mode()
    other = {"gil": "free", "free": "gil"}[threads]
    if other in params["modes"]:
        raise Usage(f"modes: this interpreter runs threads {'with' if threads == 'gil' else 'without'} "
                    f"the GIL, so its threads are mode {threads}, not {other}"
                    + (" (a free-threaded build, python3.13t, has mode free)" if threads == "gil" else
                       " (PYTHON_GIL=1 turns the GIL on)"))


def measured(modes, k, work, n, sleep_s, expected):
    """The modes in rounds, as the page runs them: they take turns, so that
    noise slows them alike, and each keeps its fastest round. The report's
    runs and timeline (each mode from its own start)."""
    from _report import ms
    rounds, fastest, spent, done = {mode: [] for mode in modes}, {}, 0.0, 0
    while another_round(done, spent, BUDGET_S, MAX_ROUNDS):
        for mode in modes:
            outcome = run_mode(mode, k, work, n, sleep_s)
            if any(v != expected for v in outcome[1]):
                raise RuntimeError(f"a computation returned {outcome[1]} instead of fib(n) = {expected}")
            rounds[mode].append(round(outcome[0] * 1000, 3))
            spent += outcome[0]
            if mode not in fastest or outcome[0] < fastest[mode][0]:
                fastest[mode] = outcome
        done += 1
    sequential_ms = round(fastest["sequential"][0] * 1000, 3) if "sequential" in fastest else None
    runs, timeline = [], []
    for mode in modes:
        took, _, spans, spawn, switches, asked = fastest[mode]
        run = {"mode": mode, "ms": round(took * 1000, 3)}
        if sequential_ms is not None:
            run["speedup"] = round(sequential_ms / max(run["ms"], 1e-9), 3)
        if switches is not None:
            run["switches"] = switches
        if spawn is not None:
            run["spawn_ms"] = round(spawn * 1000, 3)
        run["rounds_ms"] = rounds[mode]
        runs.append(run)
        timeline += [dict(lane=s["lane"], mode=mode, state=s["state"], start_ms=ms(s["start"], asked),
                          end_ms=ms(s["end"], asked)) for s in spans]
    return runs, timeline


def report(params):
    n, k, work = params["n"], params["threads"], params["work"]
    sleep_s = params["sleep_ms"] / 1000
    sys.setswitchinterval(params["switch_interval_ms"] / 1000)
    modes = params["modes"]
    cpu = work == "cpu"
    expected = fib(n) if cpu else 0
    in_sequence(1, (work, min(n, 25), 0))  # a warm-up round, not timed
    runs, timeline = measured(modes, k, work, n, sleep_s, expected)
    sequential_ms = next((r["ms"] for r in runs if r["mode"] == "sequential"), None)
    # The curve: k = 1 … cores, for the modes that can gain from more.
    cores = os.cpu_count() or 1
    curve = []
    for j in range(1, cores + 1):
        for mode in modes:
            if mode == "sequential" or (mode == "gil" and cpu):
                continue
            best, spent, done = float("inf"), 0.0, 0
            while another_round(done, spent, BUDGET_S / 4, 3):
                took = run_mode(mode, j, work, n, sleep_s)[0]
                best, spent, done = min(best, took), spent + took, done + 1
            curve.append({"threads": j, "mode": mode, "ms": round(best * 1000, 3)})
    share_ms = sequential_ms / k if sequential_ms is not None else next(
        (p["ms"] for p in curve if p["threads"] == 1 and p["mode"] == "free"), 0.0)
    figures = {"runs": runs, "timeline": timeline, "timeline_truncated": False, "curve": curve,
               "share_ms": round(share_ms, 3)}
    if cpu:
        figures.update(value=expected, fib_ms=round(share_ms, 3), stamps=stamp_cost(n))
    return figures


def stamp_cost(n):
    """What the stamps cost: fib(n) with and without them, one after the
    other in rounds, the fastest of each; and how far apart they are."""
    plain, stamped, spent, done = float("inf"), float("inf"), 0.0, 0
    stamps = []
    while another_round(done, spent, BUDGET_S, MAX_ROUNDS):
        began = time.perf_counter()
        fib(n)
        middle = time.perf_counter()
        stamps = []
        fib_stamped(n, stamps)
        ended = time.perf_counter()
        plain, stamped = min(plain, middle - began), min(stamped, ended - middle)
        spent, done = spent + ended - began, done + 1
    gaps = sorted(b - a for a, b in zip(stamps, stamps[1:]))
    return {
        "stamp_at": STAMP_AT,
        "every_calls": 2 * fib(STAMP_AT + 1) - 1,
        "stamp_count": len(stamps),
        "median_interval_us": round(gaps[len(gaps) // 2] * 1e6, 3) if gaps else 0.0,
        "plain_ms": round(plain * 1000, 3),
        "stamped_ms": round(stamped * 1000, 3),
        "rounds": done,
    }


if __name__ == "__main__":
    if "--json" in sys.argv:
        import _report as r
        r.main("gil", {
            "n": r.integer(1, 45),
            "threads": r.integer(1, 64),
            "switch_interval_ms": r.number(0.1, 100),
            "modes": r.subset("sequential", "gil", "free", "processes"),
            "work": r.choice("cpu", "sleep"),
            "sleep_ms": r.integer(1, 10_000),
        }, {
            "n": 35, "threads": 2, "switch_interval_ms": 5.0,
            "modes": lambda _: ["sequential", threads_mode(), "processes"],
            "work": "cpu", "sleep_ms": 200,
        }, report, check=check)
        sys.exit()
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
    # As the page: the three take turns, so that noise slows them alike,
    # and each keeps its fastest round.
    ways = {"sequential": lambda: in_sequence(k, args),
            "threads": lambda: in_workers(Thread, k, args),
            "processes": lambda: in_workers(Process, k, args)}
    fastest, spent, done = {}, 0.0, 0
    while another_round(done, spent, BUDGET_S, MAX_ROUNDS):
        for name, run in ways.items():
            took = run()
            spent += took
            fastest[name] = min(took, fastest.get(name, took))
        done += 1
    sequential = fastest.pop("sequential")
    print(f"sequential: {sequential:.3f} s (the fastest of {done} rounds, as each below)")
    for name, took in fastest.items():
        speedup = sequential / took
        print(f"{name}: {took:.3f} s, speedup {speedup:.2f}× ({reading(speedup, k)})")
