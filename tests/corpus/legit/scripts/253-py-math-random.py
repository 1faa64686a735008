# source: Python documentation, Doc/library/math.rst and Doc/library/random.rst "Examples" (seeded)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: math functions (fsum, isclose, comb, perm, gcd, prod, dist), and random's documented examples with a fixed seed: choices with weights, sample, shuffle, a bootstrap mean
# adapted: the page's sum([.1] * 10) left out: Python 3.12 made sum() of floats compensated, so 3.11 prints 0.9999999999999999 and Pyodide's 3.14 prints 1.0 (a version difference, not a sandbox one); random.seed(8675309) (the seed the page uses in its recipes) set so both runs draw the same numbers
import math
import random
from statistics import fmean

print(math.fsum([.1, .1, .1, .1, .1, .1, .1, .1, .1, .1]))
print(math.isclose(0.1 + 0.2, 0.3), math.comb(10, 3), math.perm(5, 2), math.gcd(12, 18), math.lcm(4, 6))
print(math.prod([1, 2, 3, 4]), math.dist((1, 2), (4, 6)), math.hypot(3, 4), math.isqrt(17))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.copysign(1, -0.0), math.factorial(10))
print(math.degrees(math.pi), math.radians(180), round(math.exp(1), 6), math.log10(1000), math.log2(8))

random.seed(8675309)
print(random.random())                         # Random float:  0.0 <= x < 1.0
print(random.uniform(2.5, 10.0))               # Random float:  2.5 <= x <= 10.0
print(random.expovariate(1 / 5))               # Interval between arrivals averaging 5 seconds
print(random.randrange(10))                    # Integer from 0 to 9 inclusive
print(random.randrange(0, 101, 2))             # Even integer from 0 to 100 inclusive
print(random.choice(['win', 'lose', 'draw']))  # Single random element from a sequence
deck = 'ace two three four'.split()
random.shuffle(deck)                           # Shuffle a list
print(deck)
print(random.sample([10, 20, 30, 40, 50], k=4))  # Four samples without replacement
# Six roulette wheel spins (weighted sampling with replacement)
print(random.choices(['red', 'black', 'green'], [18, 18, 2], k=6))
# Deal 20 cards without replacement from a deck
# of 52 playing cards, and determine the proportion of cards
# with a ten-value:  ten, jack, queen, or king.
deal = random.sample(['tens', 'low cards'], counts=[16, 36], k=20)
print(deal.count('tens') / 20)
# Estimate the probability of getting 5 or more heads from 7 spins
# of a biased coin that settles on heads 60% of the time.
def trial():
    return random.choices('HT', cum_weights=(0.60, 1.00), k=7).count('H') >= 5

print(sum(trial() for i in range(10_000)) / 10_000)
data = [41, 50, 29, 37, 81, 30, 73, 63, 20, 35, 68, 22, 60, 31, 95]
means = sorted(fmean(random.choices(data, k=len(data))) for i in range(100))
print(f'The sample mean of {fmean(data):.1f} has a 90% confidence '
      f'interval from {means[5]:.1f} to {means[94]:.1f}')
