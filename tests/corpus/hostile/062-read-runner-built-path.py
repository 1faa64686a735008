# attack: read runner.py through a path built at run time
# expect: precheck:open-path|contained:python
# unguarded: python
where = "/" + "sand" + "box"
print(open(where + "/runner.py").read()[:200])
