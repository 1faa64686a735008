# source: numpy/numpy doc/source/user/quickstart.rst, "Basic operations" and "Universal functions"
# licence: BSD-3-Clause (NumPy documentation)
# does: elementwise arithmetic, matrix products, in-place ops and the UFuncTypeError of a += b, upcasting, sum/min/max by axis, cumsum, exp/sqrt/add
# adapted: doctest lines run as a script, expressions printed; the failing a += b wrapped in try/except TypeError (UFuncTypeError is a TypeError)
import numpy as np
from numpy import pi

a = np.array([20, 30, 40, 50])
b = np.arange(4)
print(b)
c = a - b
print(c)
print(b**2)
print(10 * np.sin(a))
print(a < 35)
A = np.array([[1, 1],
              [0, 1]])
B = np.array([[2, 0],
              [3, 4]])
print(A * B)     # elementwise product
print(A @ B)     # matrix product
print(A.dot(B))  # another matrix product
rg = np.random.default_rng(1)  # create instance of default random number generator
a = np.ones((2, 3), dtype=int)
b = rg.random((2, 3))
a *= 3
print(a)
b += a
print(b)
try:
    a += b  # b is not automatically converted to integer type
except TypeError as exc:
    print(type(exc).__name__, exc)
a = np.ones(3, dtype=np.int32)
b = np.linspace(0, pi, 3)
print(b.dtype.name)
c = a + b
print(c)
print(c.dtype.name)
d = np.exp(c * 1j)
print(d)
print(d.dtype.name)
a = rg.random((2, 3))
print(a)
print(a.sum())
print(a.min())
print(a.max())
b = np.arange(12).reshape(3, 4)
print(b)
print(b.sum(axis=0))     # sum of each column
print(b.min(axis=1))     # min of each row
print(b.cumsum(axis=1))  # cumulative sum along each row
B = np.arange(3)
print(B)
print(np.exp(B))
print(np.sqrt(B))
C = np.array([2., -1., 4.])
print(np.add(B, C))
