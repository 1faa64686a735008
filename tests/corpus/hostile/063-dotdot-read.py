# attack: escape /output with .. to read /etc/passwd
# expect: precheck:open-path
# unguarded: python
print(open("/output/../etc/passwd").read())
