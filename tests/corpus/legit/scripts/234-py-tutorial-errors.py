# source: Python documentation, Doc/tutorial/errors.rst (handling exceptions, raising, chaining, finally, user-defined exceptions)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: try/except/else/finally, exception args, raise from, a custom exception, and an exception group
# adapted: input() replaced by a fixed list of strings; the interactive reraise examples caught so the script goes on
for text in ["12", "x", "7"]:
    try:
        x = int(text)
        print(x)
        break
    except ValueError:
        print("Oops!  That was no valid number.  Try again...")

class B(Exception):
    pass

class C(B):
    pass

class D(C):
    pass

for cls in [B, C, D]:
    try:
        raise cls()
    except D:
        print("D")
    except C:
        print("C")
    except B:
        print("B")

try:
    raise Exception('spam', 'eggs')
except Exception as inst:
    print(type(inst))    # the exception type
    print(inst.args)     # arguments stored in .args
    print(inst)          # __str__ allows args to be printed directly,
                         # but may be overridden in exception subclasses
    x, y = inst.args     # unpack args
    print('x =', x)
    print('y =', y)

def this_fails():
    x = 1/0

try:
    this_fails()
except ZeroDivisionError as err:
    print('Handling run-time error:', err)

def func():
    raise ConnectionError

try:
    try:
        func()
    except ConnectionError as exc:
        raise RuntimeError('Failed to open database') from exc
except RuntimeError as exc:
    print(repr(exc), repr(exc.__cause__))

def divide(x, y):
    try:
        result = x / y
    except ZeroDivisionError:
        print("division by zero!")
    else:
        print("result is", result)
    finally:
        print("executing finally clause")

divide(2, 1)
divide(2, 0)
try:
    divide("2", "1")
except TypeError as exc:
    print("TypeError:", exc)

def bool_return():
    try:
        return True
    finally:
        return False

print(bool_return())

def f():
    excs = [OSError('error 1'), SystemError('error 2')]
    raise ExceptionGroup('there were problems', excs)

try:
    f()
except Exception as e:
    print(f'caught {type(e)}: e')

try:
    raise ExceptionGroup("group1", [OSError(1), SystemError(2)])
except* OSError as e:
    print("There were OSErrors")
except* SystemError as e:
    print("There were SystemErrors")

try:
    raise TypeError('bad type')
except Exception as e:
    e.add_note('Add some information')
    e.add_note('Add some more information')
    print(e.__notes__)
