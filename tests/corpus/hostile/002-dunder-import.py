# attack: __import__('os') without an import statement
# expect: precheck:forbidden-builtin
# unguarded: python
__import__("os").remove("/input/data.csv")
