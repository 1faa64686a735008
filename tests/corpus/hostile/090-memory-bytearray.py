# attack: allocate 2 GiB at once (past the 512 MB limit; the largest bytearray wasm32 allows, so the allocation reaches the heap instead of being refused by Python itself)
# expect: contained:memory
# unguarded: memory
block = bytearray(2**31 - 2)
