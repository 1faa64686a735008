# attack: urllib.request.urlopen(CANARY_URL)
# expect: precheck:import-not-allowed
# unguarded: python
import urllib.request
urllib.request.urlopen("CANARY_URL", timeout=2).read()
