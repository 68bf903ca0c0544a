"""The kettle story in four cases: the kettle is plain (sync) or whistles
(async); Lao Zhang waits for it (blocking) or watches TV (non-blocking).
Every kettle heats on a thread of its own and notes when it boiled; each
case notes what Lao Zhang did, and when he picked the water up.

    python3 kettle.py [boil_s] [check_every_s]
    python3 kettle.py --json boil_minutes=5 check_every_minutes=2 ms_per_minute=200

Without --json, times are in seconds: by default the kettle boils in 0.5 s,
Lao Zhang looks every 0.2 s and a look takes 0.01 s (the page's defaults,
at 0.1 s a story minute).
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


class Person:
    """What Lao Zhang did: (state, from, to) stretches, looks, the pickup."""

    def __init__(self):
        self.spans, self.looks, self.picked_up = [], 0, None

    def did(self, state, since):
        now = time.monotonic()
        self.spans.append((state, since, now))
        return now


def sync_blocking(boil_s):
    done = threading.Event()
    thread, boiled = start_kettle(boil_s, done.set)
    person, began = Person(), time.monotonic()
    done.wait()  # stand at the kettle until it has boiled
    person.picked_up = person.did("waiting", began)
    thread.join()
    return person, boiled["at"]


def sync_nonblocking(boil_s, check_every_s, look_s=0.0):
    done = threading.Event()
    thread, boiled = start_kettle(boil_s, done.set)
    person = Person()
    while True:
        tv = time.monotonic()
        time.sleep(check_every_s - look_s)  # watch TV for a while
        walk = person.did("watching_tv", tv)
        time.sleep(look_s)  # go to the kitchen
        looked = person.did("checking", walk)
        person.looks += 1
        if done.is_set():  # and look
            person.picked_up = looked
            thread.join()
            return person, boiled["at"]


async def async_blocking(boil_s):
    loop = asyncio.get_running_loop()
    whistle = loop.create_future()
    thread, boiled = start_kettle(
        boil_s, lambda: loop.call_soon_threadsafe(whistle.set_result, None))
    person, began = Person(), time.monotonic()
    await whistle  # await the whistle at once, do nothing else
    person.picked_up = person.did("waiting", began)
    thread.join()
    return person, boiled["at"]


async def async_nonblocking(boil_s, scene_s=SCENE_S):
    loop = asyncio.get_running_loop()
    picked_up = []
    # The whistle's callback: it runs when the event loop is free.
    thread, boiled = start_kettle(
        boil_s, lambda: loop.call_soon_threadsafe(lambda: picked_up.append(time.monotonic())))
    person = Person()
    while not picked_up:
        scene = time.monotonic()
        while time.monotonic() < scene + scene_s:  # a scene of TV: the loop is busy
            pass
        person.did("watching_tv", scene)
        await asyncio.sleep(0)  # between scenes the loop runs callbacks
    person.picked_up = picked_up[0]
    thread.join()
    return person, boiled["at"]


def tv_while_heating(person, boiled):
    return sum(max(min(end, boiled) - start, 0) for state, start, end in person.spans
               if state == "watching_tv")


def show(case, person, boiled):
    print("%s: TV %.2f s, %d looks, picked up %.3f s after the boil"
          % (case, tv_while_heating(person, boiled), person.looks, person.picked_up - boiled))


# --json: the kettle page's report, in story minutes; each case from its
# own start.
LOOK_MINUTES, SCENE_MINUTES, MAX_SCENE_S = 0.1, 0.1, 0.02  # as the page


def scene_s(minute):
    """The page's scene, but never shorter than two GIL switch intervals.
    A thread that wants the GIL asks the holder to drop it only after a whole
    interval (5 ms) in which nobody released it; the event loop releases it
    in select() between scenes, which wakes the waiter and starts its wait
    again, so with scenes shorter than the interval the kettle's thread
    could wait seconds for the GIL."""
    return max(min(SCENE_MINUTES * minute, MAX_SCENE_S), 2 * sys.getswitchinterval())


def report(params):
    from _report import ms
    minute = params["ms_per_minute"] / 1000
    boil, every = params["boil_minutes"] * minute, params["check_every_minutes"] * minute
    runs = [
        ("sync_blocking", lambda: sync_blocking(boil)),
        ("sync_nonblocking", lambda: sync_nonblocking(boil, every, LOOK_MINUTES * minute)),
        ("async_blocking", lambda: asyncio.run(async_blocking(boil))),
        ("async_nonblocking", lambda: asyncio.run(async_nonblocking(boil, scene_s(minute)))),
    ]
    cases, timeline = [], []
    for case, run in runs:
        began = time.monotonic()
        person, boiled = run()
        minutes = lambda seconds: round(seconds / minute, 3)
        cases.append({"case": case, "tv_minutes": minutes(tv_while_heating(person, boiled)),
                      "checks": person.looks, "pickup_delay_minutes": minutes(person.picked_up - boiled)})
        timeline += [{"lane": f"{case}: person", "start_ms": ms(a, began), "end_ms": ms(b, began),
                      "state": state} for state, a, b in person.spans]
        told = "whistling" if case.startswith("async") else "boiled"
        timeline += [{"lane": f"{case}: kettle", "start_ms": 0.0, "end_ms": ms(boiled, began), "state": "heating"},
                     {"lane": f"{case}: kettle", "start_ms": ms(boiled, began),
                      "end_ms": ms(person.picked_up, began), "state": told}]
    return {"cases": cases, "timeline": timeline, "ms_per_minute": float(params["ms_per_minute"])}


if __name__ == "__main__":
    if "--json" in sys.argv:
        import _report as r
        r.main("kettle", {
            "boil_minutes": r.integer(1, 60), "check_every_minutes": r.integer(1, 60),
            "ms_per_minute": r.integer(20, 2000),
        }, {"boil_minutes": 5, "check_every_minutes": 2, "ms_per_minute": 200}, report)
        sys.exit()
    boil_s = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    every_s = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
    look_s = 0.01
    show("sync, blocking", *sync_blocking(boil_s))
    show("sync, non-blocking", *sync_nonblocking(boil_s, every_s, look_s))
    show("async, blocking", *asyncio.run(async_blocking(boil_s)))
    show("async, non-blocking", *asyncio.run(async_nonblocking(boil_s)))
