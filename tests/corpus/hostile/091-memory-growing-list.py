# attack: grow a list until memory runs out
# expect: contained:memory
# unguarded: memory
hog = []
while True:
    hog.append(" " * 10**6)
