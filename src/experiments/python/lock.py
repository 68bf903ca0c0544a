"""N threads each read a shared counter, sleep, and write it back plus one.

Without the lock, threads read the same old value while others sleep, and
their writes overwrite each other: updates are lost. With the lock, one
thread at a time goes from read to write, and the count comes out exact.

    python3 lock.py [threads] [sleep_ms] [use_lock]
"""
import sys
import time
from threading import Lock, Thread

counter = 0


def turn(lock, sleep_s):
    global counter
    if lock is None:
        seen = counter
        time.sleep(sleep_s)
        counter = seen + 1
    else:
        with lock:
            seen = counter
            time.sleep(sleep_s)
            counter = seen + 1


if __name__ == "__main__":
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    sleep_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 1
    use_lock = (sys.argv[3] if len(sys.argv) > 3 else "true") == "true"
    lock = Lock() if use_lock else None
    began = time.perf_counter()
    workers = [Thread(target=turn, args=(lock, sleep_ms / 1000)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    took = (time.perf_counter() - began) * 1000
    print(f"value {counter}, expected {threads}, lost updates {threads - counter}, {took:.0f} ms")
