# attack: allocate 2 GiB at once (past the 512 MB limit; a size that still fits wasm32)
# expect: contained:memory
# unguarded: memory
block = bytearray(2**31 - 1)
