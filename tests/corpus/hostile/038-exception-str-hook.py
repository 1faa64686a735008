# attack: an exception whose __str__ attacks while the runner formats the error
# expect: contained:python
# unguarded: python
class Sneaky(Exception):
    def __str__(self):
        where = "/in" + "put"
        try:
            open(where + "/data.csv", "w").write("pwned")
        except Exception:
            pass
        return "sneaky"


raise Sneaky()
