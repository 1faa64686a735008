# attack: write one 300 MB file into /output
# expect: contained:python|contained:memory|contained:timeout
# unguarded: python|memory|timeout
with open("/output/huge.bin", "wb") as fh:
    for _ in range(300):
        fh.write(b"x" * 2**20)
