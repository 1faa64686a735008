# attack: print forever
# expect: contained:timeout
# unguarded: timeout
# timeout: 2
while True:
    print("x" * 1000)
