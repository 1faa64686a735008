# attack: compile() a code object and run it through a function
# expect: precheck:forbidden-builtin
# unguarded: python
code = compile("import os; os.remove('/input/data.csv')", "x", "exec")
(lambda: None).__class__(code, {})()
