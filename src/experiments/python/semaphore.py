"""N threads pass through a Semaphore of k permits, each holding it for a
random time: never more than k hold it at once.

    python3 semaphore.py [permits] [threads] [max_hold_ms] [seed]
"""
import random
import sys
import time
from threading import Semaphore, Thread


def hold(sema, i, seconds):
    with sema:
        print(f"{i} acquire sema")
        time.sleep(seconds)
        print(f"{i} release sema")


if __name__ == "__main__":
    permits = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    max_hold_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else None
    rng = random.Random(seed)
    sema = Semaphore(permits)
    workers = [
        Thread(target=hold, args=(sema, i + 1, rng.uniform(0, max_hold_ms) / 1000))
        for i in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
