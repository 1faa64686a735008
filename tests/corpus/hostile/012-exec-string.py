# attack: exec of a string with a forbidden import
# expect: precheck:forbidden-builtin
# unguarded: python
exec("import os\nos.remove('/input/data.csv')")
