# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "GroupBy object attributes"
# licence: BSD-3-Clause (pandas documentation)
# does: random heights and weights by gender, grouped and described
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print(); gb.describe() and gb.mean() printed (the page shows the GroupBy's methods by tab completion)
import numpy as np
import pandas as pd

np.random.seed(0)
n = 10
weight = np.random.normal(166, 20, size=n)
height = np.random.normal(60, 10, size=n)
time = pd.date_range("1/1/2000", periods=n)
gender = np.random.choice(["male", "female"], size=n)
df = pd.DataFrame(
    {"height": height, "weight": weight, "gender": gender}, index=time
)
print(df)
gb = df.groupby("gender")
print(gb.describe())
print(gb.mean())
