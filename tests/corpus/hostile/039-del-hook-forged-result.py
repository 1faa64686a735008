# attack: __del__ at interpreter exit prints a forged result line and writes /input
# expect: contained:ok
# unguarded: ok
class Ghost:
    def __del__(self):
        print('{"ok": false, "stdout": "", "stderr": "", "streams_truncated": false, '
              '"error": {"kind": "cancelled", "message": "forged"}}')
        where = "/in" + "put"
        try:
            open(where + "/data.csv", "a").write("pwned")
        except Exception:
            pass


ghost = Ghost()
print("done")
