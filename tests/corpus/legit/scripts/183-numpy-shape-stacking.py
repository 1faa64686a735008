# source: numpy/numpy doc/source/user/quickstart.rst, "Shape manipulation" (changing shape, stacking, splitting)
# licence: BSD-3-Clause (NumPy documentation)
# does: ravel, reshape, transpose, resize, vstack/hstack/column_stack, newaxis, r_, hsplit
# adapted: doctest lines run as a script, expressions printed; rg = np.random.default_rng(1) created first, as earlier on the page
import numpy as np
from numpy import newaxis

rg = np.random.default_rng(1)
a = np.floor(10 * rg.random((3, 4)))
print(a)
print(a.shape)
print(a.ravel())  # returns the array, flattened
print(a.reshape(6, 2))  # returns the array with a modified shape
print(a.T)  # returns the array, transposed
print(a.T.shape)
print(a.shape)
a.resize((2, 6))
print(a)
print(a.reshape(3, -1))
a = np.floor(10 * rg.random((2, 2)))
print(a)
b = np.floor(10 * rg.random((2, 2)))
print(b)
print(np.vstack((a, b)))
print(np.hstack((a, b)))
print(np.column_stack((a, b)))  # with 2D arrays
a = np.array([4., 2.])
b = np.array([3., 8.])
print(np.column_stack((a, b)))  # returns a 2D array
print(np.hstack((a, b)))        # the result is different
print(a[:, newaxis])  # view `a` as a 2D column vector
print(np.column_stack((a[:, newaxis], b[:, newaxis])))
print(np.hstack((a[:, newaxis], b[:, newaxis])))  # the result is the same
print(np.r_[1:4, 0, 4])
a = np.floor(10 * rg.random((2, 12)))
print(a)
# Split `a` into 3
print(np.hsplit(a, 3))
# Split `a` after the third and the fourth column
print(np.hsplit(a, (3, 4)))
