# attack: write four 100 MB files into /output (no single one too big)
# expect: contained:memory|contained:python|contained:timeout
# unguarded: memory|python|timeout
for i in range(4):
    with open(f"/output/part{i}.bin", "wb") as fh:
        for _ in range(100):
            fh.write(b"x" * 2**20)
