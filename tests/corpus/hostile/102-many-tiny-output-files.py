# attack: create 30000 tiny files in /output
# expect: contained:memory|contained:python|contained:timeout
# unguarded: memory|python|timeout
for i in range(30000):
    with open(f"/output/f{i}.txt", "w") as fh:
        fh.write("x")
