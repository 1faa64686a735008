# source: Python documentation, Doc/library/statistics.rst "NormalDist objects" and "Examples and Recipes"
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: SAT scores as a normal distribution: cdf, inv_cdf, quantiles, overlap, sums of distributions
# adapted: results printed; the Monte Carlo part seeded (random.seed(8675309), as the page's own example)
from statistics import NormalDist, fmean
from random import seed

sat = NormalDist(1060, 195)
fraction = sat.cdf(1200 + 0.5) - sat.cdf(1100 - 0.5)
print(round(fraction * 100.0, 1))
print(list(map(round, sat.quantiles())))
print(list(map(round, sat.quantiles(n=10))))

temperature_february = NormalDist(5, 2.5)             # Celsius
print(temperature_february * (9/5) + 32)             # Fahrenheit

birth_weights = NormalDist.from_samples([2.5, 3.1, 2.1, 2.4, 2.7, 3.5])
drug_effects = NormalDist(0.4, 0.15)
combined = birth_weights + drug_effects
print(round(combined.mean, 1))
print(round(combined.stdev, 1))

seed(8675309)
X = NormalDist(10, 2.5)
Y = NormalDist(15, 1.75)
Z = NormalDist(50, 1.25)
def model(x, y, z):
    return (3*x + 7*x*y - 5*y) / (11 * z)
n = 100_000
res = [model(x, y, z) for x, y, z in zip(X.samples(n), Y.samples(n), Z.samples(n))]
print(round(fmean(res), 2))

N = NormalDist(100, 15)
print(round(N.overlap(NormalDist(110, 15)), 4))
print(round(N.inv_cdf(0.95), 2))
print(round(N.zscore(130), 2))
