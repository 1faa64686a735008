# attack: globals()['__builtins__'] to reach the unrestricted builtins
# expect: precheck:forbidden-builtin
# unguarded: python
real = globals()["__builtins__"]
opener = real["open"] if isinstance(real, dict) else vars(real)["open"]
opener("/input/data.csv", "w").write("pwned")
