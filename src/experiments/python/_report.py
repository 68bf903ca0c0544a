"""What the files beside this one share for `--json`: the page's parameters
as key=value, the interpreter the run happened in, and one report printed
as JSON in the page's schema (docs/report.schema.json), which the page
opens with "Open a CPython run".

Standard library only, CPython 3.8 and later (free-threaded builds too).
Not an experiment itself: each page's file imports it.
"""
import json
import math
import os
import platform
import sys
import time


class Usage(Exception):
    """Bad arguments: the message is shown, and the program exits with 2."""


def wants_json(argv):
    return "--json" in argv[1:]


# The kinds of parameter the pages have, each a function from the text
# after "=" to a value, raising Usage with what it wanted.
def integer(low, high):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise Usage(f"wants a whole number from {low} to {high}, not {text!r}") from None
        if not low <= value <= high:
            raise Usage(f"wants a whole number from {low} to {high}, not {value}")
        return value
    return parse


def number(low, high):
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise Usage(f"wants a number from {low:g} to {high:g}, not {text!r}") from None
        if not (math.isfinite(value) and low <= value <= high):
            raise Usage(f"wants a number from {low:g} to {high:g}, not {text}")
        return value
    return parse


def boolean(text):
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise Usage(f"wants true or false, not {text!r}")


def choice(*options):
    def parse(text):
        if text in options:
            return text
        raise Usage(f"wants one of {', '.join(options)}, not {text!r}")
    return parse


def subset(*options):
    """A comma list of distinct options, kept in the options' order."""
    def parse(text):
        names = [name.strip() for name in text.split(",") if name.strip()]
        wrong = [name for name in names if name not in options]
        if not names or wrong or len(set(names)) != len(names):
            raise Usage(f"wants some of {','.join(options)} (each once, comma-separated), not {text!r}")
        return [option for option in options if option in names]
    return parse


def integers(low, high):
    """A comma list of whole numbers, each from low to high."""
    def parse(text):
        one = integer(low, high)
        items = [item.strip() for item in text.split(",") if item.strip()]
        if not items:
            raise Usage(f"wants whole numbers from {low} to {high}, comma-separated, not {text!r}")
        return [one(item) for item in items]
    return parse


def count_or_all(low, high):
    def parse(text):
        return "all" if text == "all" else integer(low, high)(text)
    return parse


def parse_params(argv, kinds, defaults):
    """The key=value arguments after --json, checked against `kinds` (name
    to parser) and filled in from `defaults` (name to value, or to a
    function of the values given so far)."""
    given = {}
    for arg in argv[1:]:
        if arg == "--json":
            continue
        name, equals, text = arg.partition("=")
        if not equals:
            raise Usage(f"{arg!r}: with --json, parameters are key=value ({', '.join(kinds)})")
        if name not in kinds:
            raise Usage(f"unknown parameter {name!r}; this page's are: {', '.join(kinds)}")
        if name in given:
            raise Usage(f"{name} is given twice")
        try:
            given[name] = kinds[name](text)
        except Usage as why:
            raise Usage(f"{name} {why}") from None
    params = {}
    for name in kinds:
        if name in given:
            params[name] = given[name]
        else:
            default = defaults[name]
            params[name] = default(params) if callable(default) else default
    return params


def gil_enabled():
    """Whether this interpreter runs with the GIL (3.13 and later can say;
    before 3.13 every CPython has one)."""
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    return True if is_enabled is None else bool(is_enabled())


def environment():
    clock = time.get_clock_info("perf_counter")
    return {
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "gil_enabled": gil_enabled(),
        "cpu_count": os.cpu_count() or 1,
        "platform": f"{platform.system()} {platform.machine()}".strip(),
        "clock_resolution_ms": clock.resolution * 1000,
    }


def ms(t, origin):
    """Seconds of perf_counter as ms from `origin`, to the microsecond (as
    the page rounds)."""
    return round((t - origin) * 1000, 3)


def span(lane, start, end, state, origin, **more):
    return dict(lane=lane, **more, start_ms=ms(start, origin), end_ms=ms(end, origin), state=state)


def main(experiment, kinds, defaults, run, check=None, argv=None):
    """Runs `run(params)` for --json and prints the report; exit status 2
    for bad arguments (`check(params)` may refuse them too), 1 if the run
    failed."""
    argv = sys.argv if argv is None else argv
    name = os.path.basename(argv[0])
    try:
        params = parse_params(argv, kinds, defaults)
        if check is not None:
            check(params)
    except Usage as why:
        print(f"{name}: {why}", file=sys.stderr)
        sys.exit(2)
    report = {"experiment": experiment, "params": params, "status": "ok"}
    began = time.perf_counter()
    try:
        figures = run(params)
    except Exception as error:  # the report says why, as the page's does
        report.update(status="error", error=f"{type(error).__name__}: {error}")
        figures = {}
    report["elapsed_ms"] = ms(time.perf_counter(), began)
    report["env"] = environment()
    report.update(figures)
    # allow_nan=False: a NaN or an infinity is a bug here, never a number
    # to write (JSON has none; the page would refuse the file).
    print(json.dumps(report, indent=1, ensure_ascii=False, allow_nan=False))
    if report["status"] != "ok":
        sys.exit(1)
