# attack: a hand-made pickle in /output read back with pd.read_pickle runs posix.system
# expect: precheck:blocked-attribute|contained:python
# unguarded: python
import pandas as pd
payload = (b"cposix\nsystem\n(S'echo pwned >> /input/data.csv; echo pwned > /input/new.txt'\ntR.")
with open("/output/frame.pkl", "wb") as fh:
    fh.write(payload)
pd.read_pickle("/output/frame.pkl")
