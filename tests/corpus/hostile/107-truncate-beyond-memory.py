# attack: grow four files in /output to 1500 MB each with os.truncate, which allocates outside the capped heap without writing a byte (6 GB with a 512 MB limit)
# expect: contained:memory|contained:python
# unguarded: memory|python
import os

for i in range(4):
    path = "/output/sparse%d.bin" % i
    open(path, "wb").close()
    os.truncate(path, 1500 * 2**20)
print("grown")
