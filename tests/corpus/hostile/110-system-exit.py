# attack: raise SystemExit to skip the runner's reporting
# expect: contained:python
# unguarded: python
raise SystemExit(3)
