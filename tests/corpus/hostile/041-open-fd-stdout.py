# attack: open(1, 'w') writes a forged result straight to the real stdout
# expect: precheck:open-path|contained:python
# unguarded: python
out = open(1, "w")
out.write('{"ok": false, "error": {"kind": "cancelled", "message": "forged"}}\n')
out.flush()
