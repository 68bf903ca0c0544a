"""Tasks that sleep 1, 2, 3 units: awaited together on one event loop they
take about the longest sleep; awaited one after another, the sum.

With sleep "time" the tasks sleep in time.sleep instead of awaiting
asyncio.sleep: it never hands the event loop back, so together they take
the sum too, and the loop can run nothing else meanwhile.

    python3 async_await.py [tasks] [unit_s] [asyncio|time]
    python3 async_await.py --json tasks=3 unit_ms=1000 compare_sequential=true sleep=asyncio
"""
import asyncio
import sys
import time


async def task(i, seconds, blocking):
    began = time.perf_counter()
    if blocking:
        time.sleep(seconds)  # blocks the event loop: no other task can run
    else:
        await asyncio.sleep(seconds)  # hands the event loop to the others
    return i, began, time.perf_counter()


def closer_to(took, longest, total):
    return "about the longest" if abs(took - longest) < abs(took - total) else "about the sum"


async def together(sleeps, blocking):
    """Every task at once: when it began, and each task's (i, began, ended)."""
    began = time.perf_counter()
    # Calling task() only makes coroutine objects; gather runs them.
    return began, await asyncio.gather(*(task(i, s, blocking) for i, s in enumerate(sleeps, 1)))


async def one_after_another(sleeps, blocking):
    began = time.perf_counter()
    return began, [await task(i, s, blocking) for i, s in enumerate(sleeps, 1)]


async def main(tasks, unit, blocking):
    sleeps = [i * unit for i in range(1, tasks + 1)]
    longest, total = max(sleeps), sum(sleeps)
    began, done = await together(sleeps, blocking)
    took = max(end for _, _, end in done) - began
    print(f"together: {took:.2f} s (longest sleep {longest:.2f} s, sum {total:.2f} s: "
          f"{closer_to(took, longest, total)})")
    began, done = await one_after_another(sleeps, blocking)
    print(f"one after another: {max(end for _, _, end in done) - began:.2f} s")


# --json: the async page's report. A task awaits ("waiting") while the
# event loop runs others; the loop runs a task for a moment at its start and
# at its end. A task in time.sleep holds the loop: both are "blocked".
def report(params):
    from _report import ms, span
    sleeps = [i * params["unit_ms"] / 1000 for i in range(1, params["tasks"] + 1)]
    blocking = params["sleep"] == "time"

    def spans(prefix, began, done):
        out = []
        for i, start, end in done:
            if blocking:
                out += [span(f"{prefix}task {i}", start, end, "blocked", began),
                        span(f"{prefix}event loop", start, end, "blocked", began)]
            else:
                out += [span(f"{prefix}task {i}", start, end, "waiting", began),
                        span(f"{prefix}event loop", start, start, "running", began),
                        span(f"{prefix}event loop", end, end, "running", began)]
        return out

    began, done = asyncio.run(together(sleeps, blocking))
    figures = {
        "concurrent_ms": ms(max(end for _, _, end in done), began),
        "sequential_ms": None,
        "tasks": [{"id": i, "sleep_ms": sleeps[i - 1] * 1000, "start_ms": ms(start, began),
                   "end_ms": ms(end, began)} for i, start, end in done],
        "timeline": spans("", began, done),
    }
    if params["compare_sequential"]:
        began, done = asyncio.run(one_after_another(sleeps, blocking))
        figures["sequential_ms"] = ms(max(end for _, _, end in done), began)
        figures["timeline"] += spans("sequential: ", began, done)
    return figures


if __name__ == "__main__":
    if "--json" in sys.argv:
        import _report as r
        r.main("async", {
            "tasks": r.integer(1, 20), "unit_ms": r.integer(1, 10_000),
            "compare_sequential": r.boolean, "sleep": r.choice("asyncio", "time"),
        }, {"tasks": 3, "unit_ms": 1000, "compare_sequential": True, "sleep": "asyncio"}, report)
        sys.exit()
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    unit = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    sleep = sys.argv[3] if len(sys.argv) > 3 else "asyncio"
    if sleep not in ("asyncio", "time"):
        sys.exit(f"sleep must be asyncio or time, not {sleep!r}")
    asyncio.run(main(tasks, unit, sleep == "time"))
