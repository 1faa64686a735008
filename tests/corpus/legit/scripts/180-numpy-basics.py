# source: numpy/numpy doc/source/user/quickstart.rst, "The basics" and "Array creation"
# licence: BSD-3-Clause (NumPy documentation)
# does: arange/reshape, shape, ndim, dtype, itemsize, array from lists and tuples, complex dtype, zeros, ones, arange with floats, linspace
# adapted: doctest lines run as a script, expressions printed; np.empty (content may vary) left out; the WRONG np.array(1, 2, 3, 4) call wrapped in try/except TypeError
import numpy as np
from numpy import pi

a = np.arange(15).reshape(3, 5)
print(a)
print(a.shape)
print(a.ndim)
print(a.dtype.name)
print(a.itemsize)
print(a.size)
print(type(a))
b = np.array([6, 7, 8])
print(b)
print(type(b))
a = np.array([2, 3, 4])
print(a)
print(a.dtype)
b = np.array([1.2, 3.5, 5.1])
print(b.dtype)
try:
    a = np.array(1, 2, 3, 4)    # WRONG
except TypeError as exc:
    print("TypeError:", exc)
a = np.array([1, 2, 3, 4])  # RIGHT
b = np.array([(1.5, 2, 3), (4, 5, 6)])
print(b)
c = np.array([[1, 2], [3, 4]], dtype=complex)
print(c)
print(np.zeros((3, 4)))
print(np.ones((2, 3, 4), dtype=np.int16))
print(np.arange(10, 30, 5))
print(np.arange(0, 2, 0.3))  # it accepts float arguments
print(np.linspace(0, 2, 9))                   # 9 numbers from 0 to 2
x = np.linspace(0, 2 * pi, 100)        # useful to evaluate function at lots of points
f = np.sin(x)
print(f[:5])
a = np.arange(6)                    # 1d array
print(a)
b = np.arange(12).reshape(4, 3)     # 2d array
print(b)
c = np.arange(24).reshape(2, 3, 4)  # 3d array
print(c)
print(np.arange(10000))
print(np.arange(10000).reshape(100, 100))
