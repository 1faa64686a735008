# source: Python documentation, Doc/library/decimal.rst "Quick-start tutorial" and Doc/library/fractions.rst
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0)
# does: Decimal precision, quantize for money, rounding modes, Fraction arithmetic and limit_denominator
# adapted: results printed
from decimal import *
getcontext().prec = 6
print(Decimal(1) / Decimal(7))
getcontext().prec = 28
print(Decimal(10))
print(Decimal('3.14'))
print(Decimal(3.14))
print(Decimal((0, (3, 1, 4), -2)))
print(Decimal(str(2.0 ** 0.5)))
print(Decimal(2) ** Decimal('0.5'))
print(Decimal('NaN'))
print(Decimal('-Infinity'))
data = list(map(Decimal, '1.34 1.87 3.45 2.35 1.00 0.03 9.25'.split()))
print(max(data))
print(min(data))
print(sorted(data))
print(sum(data))
a,b,c = data[:3]
print(str(a))
print(float(a))
print(round(a, 1))
print(int(a))
print(a * 5)
print(a * b)
print(c % a)
print(Decimal('7.325').quantize(Decimal('.01'), rounding=ROUND_DOWN))
print(Decimal('7.325').quantize(Decimal('1.'), rounding=ROUND_UP))
print(Decimal('1.30') + Decimal('1.20'))

from fractions import Fraction
print(Fraction(16, -10))
print(Fraction(123))
print(Fraction('3/7'))
print(Fraction(' -3/7 '))
print(Fraction('1.414213 \t\n'))
print(Fraction('-.125'))
print(Fraction('7e-6'))
print(Fraction(2.25))
print(Fraction(1.1))
print(Fraction(Decimal('1.1')))
print(Fraction('3.1415926535897932').limit_denominator(1000))
