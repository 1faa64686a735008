# attack: gi_frame.f_back.f_globals / f_builtins: climb to the runner's frames without any dunder
# expect: precheck:blocked-attribute
# unguarded: any
def harm(os):
    for step in (
        lambda: os.remove("/input/data.csv"),
        lambda: os.symlink("/input/data.csv", "/output/link.csv"),
        lambda: os.system("echo pwned > /input/new.txt"),
    ):
        try:
            step()
        except Exception as exc:
            print("blocked:", repr(exc)[:120])


def frames():
    yield gen.gi_frame.f_back


gen = frames()
frame = next(gen)
found = None
while frame is not None and found is None:
    imp = frame.f_builtins.get("_" * 2 + "import" + "_" * 2)
    try:
        found = imp("os")
    except Exception:
        found = None
    frame = frame.f_back
if found is None:
    raise RuntimeError("no frame gave an import")
harm(found)
