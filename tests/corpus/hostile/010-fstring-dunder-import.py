# attack: __import__ inside an f-string replacement field
# expect: precheck:forbidden-builtin
# unguarded: python
print(f"{__import__('os').remove('/input/data.csv')}")
