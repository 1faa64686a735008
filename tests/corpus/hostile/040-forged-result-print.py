# attack: print a forged runner result line to fool the caller
# expect: contained:ok
# unguarded: ok
print('{"ok": false, "stdout": "", "stderr": "", "streams_truncated": false, '
      '"error": {"kind": "internal", "message": "forged"}}')
