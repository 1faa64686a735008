# attack: raise a BaseException subclass the runner may not catch
# expect: contained:python
# unguarded: python
class Escape(BaseException):
    pass


raise Escape("out")
