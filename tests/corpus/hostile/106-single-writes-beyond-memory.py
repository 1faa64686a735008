# attack: one write of 100 MB into each of eight new files in /output (800 MB with a 512 MB limit): a first write into an empty file is copied whole, outside the capped heap, so it must be charged at write time like any other
# expect: contained:memory|contained:python|contained:timeout
# unguarded: memory|python|timeout
chunk = b"x" * (100 * 2**20)
for i in range(8):
    # A write this large bypasses the buffer: one os.write per file.
    with open("/output/single%d.bin" % i, "wb") as fh:
        fh.write(chunk)
print("all written")
