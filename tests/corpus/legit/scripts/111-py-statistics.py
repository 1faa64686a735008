# source: Python documentation, Doc/library/statistics.rst (function examples)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: mean, fmean, geometric and harmonic means, median variants, mode, multimode, quantiles, stdev, variance, correlation, linear regression
# adapted: the functions' examples run as one script, results printed
from statistics import *
from fractions import Fraction as F
from decimal import Decimal as D

print(mean([1, 2, 3, 4, 4]))
print(mean([-1.0, 2.5, 3.25, 5.75]))
print(mean([F(3, 7), F(1, 21), F(5, 3), F(1, 3)]))
print(mean([D("0.5"), D("0.75"), D("0.625"), D("0.375")]))
print(fmean([3.5, 4.0, 5.25]))
print(round(geometric_mean([54, 24, 36]), 1))
print(harmonic_mean([2.5, 3]))
print(median([1, 3, 5]))
print(median([1, 3, 5, 7]))
print(median_low([1, 3, 5, 7]))
print(median_high([1, 3, 5, 7]))
print(median_grouped([52, 52, 53, 54]))
print(mode([1, 1, 2, 3, 3, 3, 3, 4]))
print(mode(["red", "blue", "blue", "red", "green", "red", "red"]))
print(multimode('aabbbbccddddeeffffgg'))
data = [105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110,
        100, 75, 105, 103, 109, 76, 119, 99, 91, 103, 129,
        106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86,
        111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95,
        103, 107, 101, 81, 109, 104]
print([round(q, 1) for q in quantiles(data, n=10)])
print(pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
print(stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
print(variance(data))
print(pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25]))
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
y = [9, 8, 7, 6, 5, 4, 3, 2, 1]
print(correlation(x, x))
print(correlation(x, y))
year = [1971, 1975, 1979, 1982, 1983]
films_total = [1, 2, 3, 4, 5]
slope, intercept = linear_regression(year, films_total)
print(round(slope * 2019 + intercept))
