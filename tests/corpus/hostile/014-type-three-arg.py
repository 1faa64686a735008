# attack: three-argument type() and vars(type) to reach __subclasses__ without a dunder attribute
# expect: precheck:forbidden-builtin
# unguarded: python
Probe = type("Probe", (), {})
root = Probe.mro()[-1]
subclasses = vars(type)["__subclasses__"](root)
names = [c.mro()[0] for c in subclasses]
print(len(names))
