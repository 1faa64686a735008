# source: numpy/numpy doc/source/user/quickstart.rst, "Indexing with arrays of indices"
# licence: BSD-3-Clause (NumPy documentation)
# does: indexing by integer arrays, a palette lookup, multi-dimensional index arrays, tuple of index arrays, argmax of time series
# adapted: doctest lines run as a script, expressions printed; the IndexError of a[s] wrapped in try/except
import numpy as np

a = np.arange(12)**2  # the first 12 square numbers
i = np.array([1, 1, 3, 8, 5])  # an array of indices
print(a[i])  # the elements of `a` at the positions `i`
j = np.array([[3, 4], [9, 7]])  # a bidimensional array of indices
print(a[j])  # the same shape as `j`
palette = np.array([[0, 0, 0],         # black
                    [255, 0, 0],       # red
                    [0, 255, 0],       # green
                    [0, 0, 255],       # blue
                    [255, 255, 255]])  # white
image = np.array([[0, 1, 2, 0],  # each value corresponds to a color in the palette
                  [0, 3, 4, 0]])
print(palette[image])  # the (2, 4, 3) color image
a = np.arange(12).reshape(3, 4)
print(a)
i = np.array([[0, 1],  # indices for the first dim of `a`
              [1, 2]])
j = np.array([[2, 1],  # indices for the second dim
              [3, 3]])
print(a[i, j])  # i and j must have equal shape
print(a[i, 2])
print(a[:, j])
l = (i, j)
# equivalent to a[i, j]
print(a[l])
s = np.array([i, j])
# not what we want
try:
    a[s]
except IndexError as exc:
    print("IndexError:", exc)
# same as `a[i, j]`
print(a[tuple(s)])
time = np.linspace(20, 145, 5)  # time scale
data = np.sin(np.arange(20)).reshape(5, 4)  # 4 time-dependent series
print(time)
print(data)
# index of the maxima for each series
ind = data.argmax(axis=0)
print(ind)
# times corresponding to the maxima
time_max = time[ind]
data_max = data[ind, range(data.shape[1])]  # => data[ind[0], 0], data[ind[1], 1]...
print(time_max)
print(data_max)
print(np.all(data_max == data.max(axis=0)))
