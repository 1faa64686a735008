# attack: open an input file for writing
# expect: precheck:open-path
# unguarded: python
with open("/input/data.csv", "w") as fh:
    fh.write("pwned")
