# source: scipy/scipy doc/source/tutorial/interpolate (1-D interpolation, interp1d) 
# licence: BSD-3-Clause (SciPy documentation)
# does: linear and cubic interpolation of a cosine sampled at 11 points, evaluated on 41 points
# adapted: the plot replaced by printing the interpolated values (rounded to 10 digits)
import numpy as np
from scipy.interpolate import interp1d

x = np.linspace(0, 10, num=11, endpoint=True)
y = np.cos(-x**2/9.0)
f = interp1d(x, y)
f2 = interp1d(x, y, kind='cubic')
xnew = np.linspace(0, 10, num=41, endpoint=True)
print(np.round(f(xnew), 10))
print(np.round(f2(xnew), 10))
