# attack: raise KeyboardInterrupt to pass as a user cancel
# expect: contained:python
# unguarded: python
raise KeyboardInterrupt
