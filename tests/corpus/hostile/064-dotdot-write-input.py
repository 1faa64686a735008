# attack: write /input/data.csv through /output/../input
# expect: precheck:open-path
# unguarded: python
open("/output/../input/data.csv", "w").write("pwned")
