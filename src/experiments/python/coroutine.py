"""A producer drives a consumer generator with send(): control changes hands
on one thread only at the yield, so no lock is needed (none is inside one).

    python3 coroutine.py [items]
"""
import sys


def consumer():
    print("[consumer] ready")
    reply = "ready"
    while True:
        n = yield reply  # hand the reply out, take the next item in
        print(f"[consumer] got {n} (last reply: {reply})")
        reply = f"item {n} done"


def producer(c, items):
    print("[producer] starting")
    first = c.send(None)  # run the consumer to its first yield
    print(f"[producer] consumer started: {first}")
    for n in range(1, items + 1):
        print(f"[producer] producing {n}")
        reply = c.send(n)
        print(f"[producer] consumer replied: {reply}")
    c.close()
    print("[producer] closed the consumer, done")


if __name__ == "__main__":
    producer(consumer(), int(sys.argv[1]) if len(sys.argv) > 1 else 5)
