"""The kettle story in four cases: the kettle is plain (sync) or whistles
(async); the man waits for it (blocking) or watches TV (non-blocking).

    python3 kettle.py [boil_s] [check_every_s]
"""
import asyncio
import sys
import threading
import time


def plain_kettle(done, boil_s):
    time.sleep(boil_s)
    done.set()  # boiled, but it says nothing


def sync_blocking(boil_s):
    done = threading.Event()
    threading.Thread(target=plain_kettle, args=(done, boil_s)).start()
    done.wait()  # stand at the kettle until it has boiled
    return 0, 0


def sync_nonblocking(boil_s, check_every_s):
    done = threading.Event()
    threading.Thread(target=plain_kettle, args=(done, boil_s)).start()
    tv, checks = 0.0, 0
    while True:
        time.sleep(check_every_s)  # watch TV for a while
        tv += check_every_s
        checks += 1
        if done.is_set():  # go and look
            return tv, checks


async def async_blocking(boil_s):
    await asyncio.sleep(boil_s)  # await the whistle at once, do nothing else
    return 0, 0


async def async_nonblocking(boil_s):
    picked_up = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.call_later(boil_s, picked_up.set)  # the whistle calls back
    began = loop.time()
    while not picked_up.is_set():
        await asyncio.sleep(0.01)  # an episode of TV
    return loop.time() - began, 0


if __name__ == "__main__":
    boil_s = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    every_s = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
    print("sync, blocking: TV %.2f s, %d looks" % sync_blocking(boil_s))
    print("sync, non-blocking: TV %.2f s, %d looks" % sync_nonblocking(boil_s, every_s))
    print("async, blocking: TV %.2f s, %d looks" % asyncio.run(async_blocking(boil_s)))
    print("async, non-blocking: TV %.2f s, %d looks" % asyncio.run(async_nonblocking(boil_s)))
