# attack: while True: pass
# expect: contained:timeout
# unguarded: timeout
# timeout: 2
while True:
    pass
