# attack: repr of a million-deep nested list (C-level recursion)
# expect: contained:python
# unguarded: python
nest = []
for _ in range(10**6):
    nest = [nest]
text = repr(nest)
