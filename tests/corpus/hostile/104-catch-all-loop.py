# attack: swallow every interrupt and keep looping
# expect: contained:timeout
# unguarded: timeout
# timeout: 2
while True:
    try:
        while True:
            pass
    except BaseException:
        continue
