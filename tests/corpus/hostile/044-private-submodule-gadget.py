# attack: from pandas.compat._optional import import_optional_dependency; it imports any module by name
# expect: precheck:import-not-allowed|precheck:dunder-attribute
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

from pandas.compat._optional import import_optional_dependency
harm(import_optional_dependency("os"))
