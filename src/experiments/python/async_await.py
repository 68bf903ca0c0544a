"""Tasks that sleep 1, 2, 3 units: awaited together on one event loop they
take about the longest sleep; awaited one after another, the sum.

With sleep "time" the tasks sleep in time.sleep instead of awaiting
asyncio.sleep: it never hands the event loop back, so together they take
the sum too, and the loop can run nothing else meanwhile.

    python3 async_await.py [tasks] [unit_s] [asyncio|time]
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


async def main(tasks, unit, blocking):
    sleeps = [i * unit for i in range(1, tasks + 1)]
    longest, total = max(sleeps), sum(sleeps)
    began = time.perf_counter()
    # Calling task() only makes coroutine objects; gather runs them.
    await asyncio.gather(*(task(i, s, blocking) for i, s in enumerate(sleeps, 1)))
    took = time.perf_counter() - began
    print(f"together: {took:.2f} s (longest sleep {longest:.2f} s, sum {total:.2f} s: "
          f"{closer_to(took, longest, total)})")
    began = time.perf_counter()
    for i, s in enumerate(sleeps, 1):
        await task(i, s, blocking)
    print(f"one after another: {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    unit = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    sleep = sys.argv[3] if len(sys.argv) > 3 else "asyncio"
    if sleep not in ("asyncio", "time"):
        sys.exit(f"sleep must be asyncio or time, not {sleep!r}")
    asyncio.run(main(tasks, unit, sleep == "time"))
