# source: pandas-dev/pandas doc/source/user_guide/missing_data.rst, "Interpolation" and "Interpolation limits"
# licence: BSD-3-Clause (pandas documentation)
# does: interpolate a business-month series, by time, by values, a frame, limits, directions and areas
# adapted: interactive echoes wrapped in print(); the plots left out (the methods that need scipy run: Debian's python3-scipy is installed)
import numpy as np
import pandas as pd

np.random.seed(123456)
idx = pd.date_range("1/1/2000", periods=100, freq="BM")
ts = pd.Series(np.random.randn(100), index=idx)
ts[1:5] = np.nan
ts[20:30] = np.nan
ts[60:80] = np.nan
ts = ts.cumsum()
print(ts)
print(ts.count())
print(ts.interpolate())
print(ts.interpolate().count())
ts2 = ts[[0, 1, 30, 60, 99]]
print(ts2)
print(ts2.interpolate())
print(ts2.interpolate(method="time"))
idx = [0.0, 1.0, 10.0]
ser = pd.Series([0.0, np.nan, 10.0], idx)
print(ser)
print(ser.interpolate())
print(ser.interpolate(method="values"))
df = pd.DataFrame(
    {
        "A": [1, 2.1, np.nan, 4.7, 5.6, 6.8],
        "B": [0.25, np.nan, np.nan, 4, 12.2, 14.4],
    }
)
print(df)
print(df.interpolate())
print(df.interpolate(method="barycentric"))
print(df.interpolate(method="pchip"))
print(df.interpolate(method="akima"))
print(df.interpolate(method="spline", order=2))
print(df.interpolate(method="polynomial", order=2))
np.random.seed(2)
ser = pd.Series(np.arange(1, 10.1, 0.25) ** 2 + np.random.randn(37))
missing = np.array([4, 13, 14, 15, 16, 17, 18, 20, 29])
ser[missing] = np.nan
methods = ["linear", "quadratic", "cubic"]
df = pd.DataFrame({m: ser.interpolate(method=m) for m in methods})
print(df)
ser = pd.Series(np.sort(np.random.uniform(size=100)))
# interpolate at new_index
new_index = ser.index.union(pd.Index([49.25, 49.5, 49.75, 50.25, 50.5, 50.75]))
interp_s = ser.reindex(new_index).interpolate(method="pchip")
print(interp_s[49:51])
ser = pd.Series([np.nan, np.nan, 5, np.nan, np.nan, np.nan, 13, np.nan, np.nan])
print(ser)
# fill all consecutive values in a forward direction
print(ser.interpolate())
# fill one consecutive value in a forward direction
print(ser.interpolate(limit=1))
# fill one consecutive value backwards
print(ser.interpolate(limit=1, limit_direction="backward"))
# fill one consecutive value in both directions
print(ser.interpolate(limit=1, limit_direction="both"))
# fill all consecutive values in both directions
print(ser.interpolate(limit_direction="both"))
# fill one consecutive inside value in both directions
print(ser.interpolate(limit_direction="both", limit_area="inside", limit=1))
# fill all consecutive outside values backward
print(ser.interpolate(limit_direction="backward", limit_area="outside"))
# fill all consecutive outside values in both directions
print(ser.interpolate(limit_direction="both", limit_area="outside"))
