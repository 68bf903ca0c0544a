"""Tasks that sleep 1, 2, 3 units: awaited together on one event loop they
take about the longest sleep; awaited one after another, the sum.

    python3 async_await.py [tasks] [unit_s]
"""
import asyncio
import sys
import time


async def task(i, seconds):
    began = time.perf_counter()
    await asyncio.sleep(seconds)
    return i, began, time.perf_counter()


async def main(tasks, unit):
    began = time.perf_counter()
    await asyncio.gather(*(task(i, i * unit) for i in range(1, tasks + 1)))
    print(f"together: {time.perf_counter() - began:.2f} s")
    began = time.perf_counter()
    for i in range(1, tasks + 1):
        await task(i, i * unit)
    print(f"one after another: {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    unit = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    asyncio.run(main(tasks, unit))
