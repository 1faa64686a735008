"""``python3 -m input_profile FILE...`` (with workers/python on sys.path), or the folder run as a
script, ``python3 workers/python/input_profile FILE...``: print a JSON list of profiles.

Run as a folder, Python puts the folder itself first on sys.path, not workers/python, so the
package and its siblings (ole.py, zip_safety.py) are found by adding the parent here.
"""
import os
import sys

if not __package__:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from input_profile import main  # noqa: E402

sys.exit(main())
