import os
import sys

# precheck.py and runner.py live one folder up and import each other as siblings.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
