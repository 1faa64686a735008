# attack: a decorator stack that calls eval on a string
# expect: precheck:forbidden-builtin
# unguarded: python
@eval
@(lambda f: "open('/input/data.csv', 'w').write('pwned')")
def payload():
    pass
