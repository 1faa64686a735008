# attack: io.FileIO to write an input, around a guarded open()
# expect: precheck:blocked-attribute
# unguarded: python
import io
io.FileIO("/input/data.csv", "w").write(b"pwned")
