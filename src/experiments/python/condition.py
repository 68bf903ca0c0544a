"""Consumers wait on a Condition; a producer makes the resource available
and notifies them.

A consumer that only starts waiting after the notify has missed it: a plain
wait() then waits until its timeout (in the post's version, forever).
wait_for() with a predicate looks at the resource first, and goes on.

Without --json it plays the lost wake-up, quickly: one consumer waits from
the start, another starts at late_start_s (after the producer's notify at
0.3 s), and each gives up after 0.6 s.

    python3 condition.py [use_predicate] [late_start_s]
    python3 condition.py --json consumers=2 consumer_start_ms=0,4000 producer_delay_ms=3000 \
        notify=all use_predicate=false timeout_ms=6000
"""
import sys
import time
from threading import Condition, Thread

available = False
con = Condition()


def consumer(name, start_s, use_predicate, timeout_s, note=lambda event, *more: None):
    time.sleep(start_s)
    with con:
        note("wait", available)
        if use_predicate:
            got = con.wait_for(lambda: available, timeout_s)
        else:
            got = con.wait(timeout_s)
        note("ended", got)
        print(f"{name}: {'consumed' if got else 'timed out'}")


def producer(delay_s, notify="all", note=lambda event, *more: None):
    global available
    time.sleep(delay_s)
    with con:
        available = True
        note("notify")
        if notify == "all":
            print("producer: produced, notify_all()")
            con.notify_all()
        else:
            print(f"producer: produced, notify({notify})")
            con.notify(notify)


def scene(starts_s, delay_s, notify, use_predicate, timeout_s, note_for=lambda who: (lambda *_: None)):
    global available
    available = False
    threads = [
        Thread(target=consumer, args=(f"consumer {i}", start_s, use_predicate, timeout_s, note_for(i)))
        for i, start_s in enumerate(starts_s, 1)
    ]
    threads.append(Thread(target=producer, args=(delay_s, notify, note_for(0))))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# --json: the condition page's report.
def outcome(wait_start, ended, proceeded, there_at_start, timeout_ms, notified):
    """How a consumer's wait ended, and why (as the page says it); ms."""
    whole_timeout = ended - wait_start >= timeout_ms - 1.0
    if proceeded:
        return "at_once" if there_at_start else ("after_timeout" if whole_timeout else "woken")
    if wait_start >= notified:
        return "missed"
    return "gave_up" if ended < notified else "not_chosen"


def report(params):
    import contextlib
    import io
    from _report import ms, span
    notes = {}

    def note_for(who):
        notes[who] = {"began": None}

        def note(event, *more):
            notes[who][event] = (time.perf_counter(),) + more
        return note

    origin = time.perf_counter()
    # Each thread notes when it began as it starts: the sleep is from there.
    starts = [s / 1000 for s in params["consumer_start_ms"]]
    with contextlib.redirect_stdout(io.StringIO()):
        scene(starts, params["producer_delay_ms"] / 1000, params["notify"], params["use_predicate"],
              params["timeout_ms"] / 1000, note_for)
    notified = notes[0]["notify"][0]
    timeline = [span("producer", origin, notified, "sleeping", origin)]
    consumers = []
    for i, start_ms in enumerate(params["consumer_start_ms"], 1):
        (wait_start, there), (ended, got) = notes[i]["wait"], notes[i]["ended"]
        timeline.append(span(f"consumer {i}", origin, wait_start, "sleeping", origin))
        timeline.append(span(f"consumer {i}", wait_start, ended, "waiting", origin))
        consumers.append({
            "id": i, "start_ms": float(start_ms), "wait_start_ms": ms(wait_start, origin),
            "woke_ms": ms(ended, origin) if got else None, "timed_out": not got,
            "outcome": outcome(ms(wait_start, origin), ms(ended, origin), got, there,
                               params["timeout_ms"], ms(notified, origin)),
        })
    return {"notify_ms": ms(notified, origin), "consumers": consumers, "timeline": timeline}


def check(params):
    from _report import Usage
    if len(params["consumer_start_ms"]) != params["consumers"]:
        raise Usage(f"consumer_start_ms wants one start per consumer ({params['consumers']}), "
                    f"not {len(params['consumer_start_ms'])}")


if __name__ == "__main__":
    if "--json" in sys.argv:
        import _report as r
        r.main("condition", {
            "consumers": r.integer(1, 32), "consumer_start_ms": r.integers(0, 60_000),
            "producer_delay_ms": r.integer(0, 60_000), "notify": r.count_or_all(1, 32),
            "use_predicate": r.boolean, "timeout_ms": r.integer(1, 60_000),
        }, {
            "consumers": 2, "consumer_start_ms": [0, 1000], "producer_delay_ms": 3000,
            "notify": "all", "use_predicate": False, "timeout_ms": 10_000,
        }, report, check=check)
        sys.exit()
    use_predicate = (sys.argv[1] if len(sys.argv) > 1 else "false") == "true"
    late_start_s = float(sys.argv[2]) if len(sys.argv) > 2 else 0.4
    scene([0, late_start_s], 0.3, "all", use_predicate, 0.6)
