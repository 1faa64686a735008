# attack: fill /dev/shm (shared memory outside /output)
# expect: precheck:open-path
# unguarded: python
with open("/dev/shm/fill", "wb") as fh:
    fh.write(b"x" * 10_000_000)
