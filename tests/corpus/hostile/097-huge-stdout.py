# attack: print 100 MB to stdout
# expect: contained:ok
# unguarded: ok
# check: streams-truncated
print("x" * 10**8)
