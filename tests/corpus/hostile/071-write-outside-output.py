# attack: write /tmp/evil (outside /output)
# expect: precheck:open-path
# unguarded: python
open("/tmp/evil.txt", "w").write("pwned")
