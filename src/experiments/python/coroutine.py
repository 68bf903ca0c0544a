"""A producer drives a consumer generator with send(): control changes hands
on one thread only at the yield, so no lock is needed (none is inside one).

    python3 coroutine.py [items]
    python3 coroutine.py --json items=5
"""
import sys


def consumer():
    print("[consumer] ready")
    total = 0
    while True:
        n = yield total  # hand the total out, take the next item in
        total += n
        print(f"[consumer] got {n}, total now {total}")


def producer(c, items):
    print("[producer] starting")
    first = c.send(None)  # run the consumer to its first yield
    print(f"[producer] consumer started, total {first}")
    for n in range(1, items + 1):
        print(f"[producer] sending {n}")
        total = c.send(n)
        print(f"[producer] the consumer's total: {total}")
    c.close()
    print("[producer] closed the consumer, done")


# --json: the coroutine page's report, from what the two sides print.
def report(params):
    import contextlib
    import io
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        producer(consumer(), params["items"])
    trace, consumed, step = [], [], 0
    for text in printed.getvalue().splitlines():
        side = "consumer" if text.startswith("[consumer]") else "producer"
        # A line belongs to the send() it was printed in: each item's
        # starts with "sending", and close() with "closed".
        if text.startswith(("[producer] sending", "[producer] closed")):
            step += 1
        if text.startswith("[consumer] got "):
            consumed.append(int(text.split()[2].rstrip(",")))
        trace.append({"side": side, "text": text, "step": step})
    return {"trace": trace, "consumed": consumed}


if __name__ == "__main__":
    if "--json" in sys.argv:
        import _report as r
        r.main("coroutine", {"items": r.integer(1, 50)}, {"items": 5}, report)
        sys.exit()
    producer(consumer(), int(sys.argv[1]) if len(sys.argv) > 1 else 5)
