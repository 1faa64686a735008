# attack: read /etc/passwd
# expect: precheck:open-path
# unguarded: python
print(open("/etc/passwd").read())
