# source: scipy/scipy scipy/stats/_stats_mstats_common.py, linregress docstring example
# licence: BSD-3-Clause (SciPy documentation)
# does: fits a line to noisy data, prints R-squared, slope and intercept with their 95% confidence half-widths from the t distribution
# adapted: np.random.default_rng() given the seed 12345 so both runs draw the same numbers; the plot left out
import numpy as np
from scipy import stats

rng = np.random.default_rng(12345)
x = rng.random(10)
y = 1.6*x + rng.random(10)
res = stats.linregress(x, y)
print(f"R-squared: {res.rvalue**2:.6f}")
tinv = lambda p, df: abs(stats.t.ppf(p/2, df))
ts = tinv(0.05, len(x)-2)
print(f"slope (95%): {res.slope:.6f} +/- {ts*res.stderr:.6f}")
print(f"intercept (95%): {res.intercept:.6f}"
      f" +/- {ts*res.intercept_stderr:.6f}")
print(stats.describe(y))
