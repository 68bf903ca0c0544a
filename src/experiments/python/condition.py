"""Consumers wait on a Condition; a producer makes the resource available
and notifies them.

A consumer that only starts waiting after the notify has missed it: a plain
wait() then waits until its timeout (in the post's version, forever).
wait_for() with a predicate looks at the resource first, and goes on.

    python3 condition.py [use_predicate] [late_start_s]
"""
import sys
import time
from threading import Condition, Thread

available = False
con = Condition()


def consumer(name, start_s, use_predicate, timeout_s):
    time.sleep(start_s)
    with con:
        if use_predicate:
            got = con.wait_for(lambda: available, timeout_s)
        else:
            got = con.wait(timeout_s)
        print(f"{name}: {'consumed' if got else 'timed out'}")


def producer(delay_s):
    global available
    time.sleep(delay_s)
    with con:
        available = True
        print("producer: produced, notify_all()")
        con.notify_all()


if __name__ == "__main__":
    use_predicate = (sys.argv[1] if len(sys.argv) > 1 else "false") == "true"
    late_start_s = float(sys.argv[2]) if len(sys.argv) > 2 else 0.4
    threads = [
        Thread(target=consumer, args=("consumer 1", 0, use_predicate, 0.6)),
        Thread(target=consumer, args=("consumer 2", late_start_s, use_predicate, 0.6)),
        Thread(target=producer, args=(0.3,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
