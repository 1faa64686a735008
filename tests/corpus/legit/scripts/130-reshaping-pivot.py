# source: pandas-dev/pandas doc/source/user_guide/reshaping.rst, "Reshaping by pivoting DataFrame objects"
# licence: BSD-3-Clause (pandas documentation)
# does: unpivots a time frame to records, selects one variable, pivots back with one and two value columns
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print(); pandas._testing.makeTimeDataFrame(3) (private test helper) replaced by the frame it builds: 3 business days from 2000-01-03, columns A-D of random numbers
import numpy as np
import pandas as pd

np.random.seed(0)


def unpivot(frame):
    N, K = frame.shape
    data = {
        "value": frame.to_numpy().ravel("F"),
        "variable": np.asarray(frame.columns).repeat(N),
        "date": np.tile(np.asarray(frame.index), K),
    }
    return pd.DataFrame(data, columns=["date", "variable", "value"])


frame = pd.DataFrame(np.random.randn(3, 4), index=pd.bdate_range("2000-01-03", periods=3), columns=list("ABCD"))
df = unpivot(frame)
print(df)
print(df[df["variable"] == "A"])
print(df.pivot(index="date", columns="variable", values="value"))
df["value2"] = df["value"] * 2
pivoted = df.pivot(index="date", columns="variable")
print(pivoted)
print(pivoted["value2"])
