# attack: raise an exception with a 100 MB message
# expect: contained:python
# unguarded: python
raise ValueError("x" * 10**8)
