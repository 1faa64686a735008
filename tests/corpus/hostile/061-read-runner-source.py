# attack: read the runtime's own runner.py
# expect: precheck:open-path
# unguarded: python
print(open("/sandbox/runner.py").read()[:200])
