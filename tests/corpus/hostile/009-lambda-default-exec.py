# attack: exec hidden as a lambda default argument
# expect: precheck:forbidden-builtin
# unguarded: python
run = lambda src, f=exec: f(src)
run("import os; os.remove('/input/data.csv')")
