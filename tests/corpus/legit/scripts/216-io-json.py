# source: pandas-dev/pandas doc/source/user_guide/io.rst, "JSON" (writing with orient, reading, json_normalize)
# licence: BSD-3-Clause (pandas documentation)
# does: to_json with every orient, date handling, read_json back from a string, json_normalize of nested records and of an input file
# adapted: np.random.seed(0) added; interactive echoes wrapped in print(); read_json given StringIO (pandas 2 deprecates literal strings); the last normalize reads /input/inventory.json
import json
from io import StringIO

import numpy as np
import pandas as pd

np.random.seed(0)
dfj = pd.DataFrame(np.random.randn(5, 2), columns=list("AB"))
json_text = dfj.to_json()
print(json_text)
dfjo = pd.DataFrame(
    dict(A=range(1, 4), B=range(4, 7), C=range(7, 10)),
    columns=list("ABC"),
    index=list("xyz"),
)
print(dfjo)
sjo = pd.Series(dict(x=15, y=16, z=17), name="D")
print(sjo)
print(dfjo.to_json(orient="columns"))
print(dfjo.to_json(orient="index"))
print(sjo.to_json(orient="index"))
print(dfjo.to_json(orient="records"))
print(sjo.to_json(orient="records"))
print(dfjo.to_json(orient="values"))
print(dfjo.to_json(orient="split"))
print(sjo.to_json(orient="split"))
dfd = pd.DataFrame(np.random.randn(5, 2), columns=list("AB"))
dfd["date"] = pd.Timestamp("20130101")
dfd = dfd.sort_index(axis=1, ascending=False)
print(dfd.to_json(date_format="iso"))
print(dfd.to_json(date_format="iso", date_unit="us"))
print(pd.read_json(StringIO(json_text)))
print(pd.read_json(StringIO(dfjo.to_json(orient="split")), orient="split"))
data = [
    {"id": 1, "name": {"first": "Coleen", "last": "Volk"}},
    {"name": {"given": "Mark", "family": "Regner"}},
    {"id": 2, "name": "Faye Raker"},
]
print(pd.json_normalize(data))
data = [
    {
        "state": "Florida",
        "shortname": "FL",
        "info": {"governor": "Rick Scott"},
        "county": [
            {"name": "Dade", "population": 12345},
            {"name": "Broward", "population": 40000},
            {"name": "Palm Beach", "population": 60000},
        ],
    },
    {
        "state": "Ohio",
        "shortname": "OH",
        "info": {"governor": "John Kasich"},
        "county": [
            {"name": "Summit", "population": 1234},
            {"name": "Cuyahoga", "population": 1337},
        ],
    },
]
print(pd.json_normalize(data, "county", ["state", "shortname", ["info", "governor"]]))
with open("/input/inventory.json") as f:
    print(pd.json_normalize(json.load(f)).head())
dfjo.to_json("/output/dfjo.json", orient="records", lines=True)
print(open("/output/dfjo.json").read())
