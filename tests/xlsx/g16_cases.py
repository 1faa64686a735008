"""Numbers and Python's "%.16g" of each (what openpyxl writes into a cell), as JSON on stdout:
edge values, random bit patterns, money-like values, dyadic fractions and ties."""
import json
import random
import struct
import sys

r = random.Random(1)
vals = [0.1, 0.5, 1234567890123456.5, 1234567890123457.5, 1e16, 1e15, 9999999999999998.0, 123456789012345678.0, 1e-5, 1.5e-5, 0.0001, 0.00012345, 5e-324, 1.7976931348623157e308, -2.5, 1e21, 1e22, 2**53+2, 2**60, 100.0, 1234.56, -1234.56, 0.3, 2/3, 1/3, 45291.5, 45291.999988426, 12345678901234567890.0, 1e100, 123e-20]
for _ in range(200000):
    k = r.random()
    if k < 0.3: vals.append(struct.unpack('<d', struct.pack('<Q', r.getrandbits(64)))[0])
    elif k < 0.6: vals.append(round(r.uniform(-1e6, 1e6), r.randrange(0, 6)))
    elif k < 0.8: vals.append(r.randrange(-2**60, 2**60) / 2**r.randrange(0, 12))
    else: vals.append(r.uniform(-1, 1) * 10 ** r.randrange(-30, 30))
for _ in range(5000):  # exact ties at the 17th digit: 16 digits and a half, quarters, eighths
    vals.append(r.randrange(10 ** 15, 9 * 10 ** 15) + 0.5)
    vals.append(r.randrange(10 ** 14, 10 ** 15) + r.choice([0.25, 0.75, 0.125, 0.375]))
vals = [v for v in vals if v == v and abs(v) != float('inf')]
json.dump([[repr(v), "%.16g" % v] for v in vals], sys.stdout)
