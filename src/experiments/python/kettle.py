"""The kettle story in four cases: the kettle is plain (sync) or whistles
(async); Lao Zhang waits for it (blocking) or watches TV (non-blocking).
Every kettle heats on a thread of its own and notes when it boiled; each
case notes when Lao Zhang picked the water up.

    python3 kettle.py [boil_s] [check_every_s]
"""
import asyncio
import sys
import threading
import time

SCENE_S = 0.02  # a scene of TV on the event loop: real work, no awaiting


def kettle(boil_s, tell):
    time.sleep(boil_s)
    boiled = time.monotonic()
    tell()  # a plain kettle's state changes; a whistling one calls out
    return boiled


def start_kettle(boil_s, tell):
    result = {}
    thread = threading.Thread(target=lambda: result.update(at=kettle(boil_s, tell)))
    thread.start()
    return thread, result


def sync_blocking(boil_s):
    done = threading.Event()
    thread, boiled = start_kettle(boil_s, done.set)
    done.wait()  # stand at the kettle until it has boiled
    picked_up = time.monotonic()
    thread.join()
    return 0.0, 0, picked_up - boiled["at"]


def sync_nonblocking(boil_s, check_every_s):
    done = threading.Event()
    thread, boiled = start_kettle(boil_s, done.set)
    tv, checks = 0.0, 0
    while True:
        time.sleep(check_every_s)  # watch TV for a while
        tv += check_every_s
        checks += 1
        if done.is_set():  # go and look
            picked_up = time.monotonic()
            thread.join()
            return tv - (picked_up - boiled["at"]), checks, picked_up - boiled["at"]


async def async_blocking(boil_s):
    loop = asyncio.get_running_loop()
    whistle = loop.create_future()
    thread, boiled = start_kettle(
        boil_s, lambda: loop.call_soon_threadsafe(whistle.set_result, None))
    await whistle  # await the whistle at once, do nothing else
    picked_up = time.monotonic()
    thread.join()
    return 0.0, 0, picked_up - boiled["at"]


async def async_nonblocking(boil_s):
    loop = asyncio.get_running_loop()
    picked_up = []
    # The whistle's callback: it runs when the event loop is free.
    thread, boiled = start_kettle(
        boil_s, lambda: loop.call_soon_threadsafe(lambda: picked_up.append(time.monotonic())))
    began = time.monotonic()
    while not picked_up:
        end = time.monotonic() + SCENE_S
        while time.monotonic() < end:  # a scene of TV: the loop is busy
            pass
        await asyncio.sleep(0)  # between scenes the loop runs callbacks
    thread.join()
    return boiled["at"] - began, 0, picked_up[0] - boiled["at"]


def show(case, tv, looks, delay):
    print("%s: TV %.2f s, %d looks, picked up %.3f s after the boil" % (case, tv, looks, delay))


if __name__ == "__main__":
    boil_s = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    every_s = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
    show("sync, blocking", *sync_blocking(boil_s))
    show("sync, non-blocking", *sync_nonblocking(boil_s, every_s))
    show("async, blocking", *asyncio.run(async_blocking(boil_s)))
    show("async, non-blocking", *asyncio.run(async_nonblocking(boil_s)))
