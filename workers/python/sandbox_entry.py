"""The runtime's single door into the Python side: JSON in, JSON out.

Pyodide (browser worker, Node) calls these functions; the answers are JSON
strings so nothing but plain data crosses into JavaScript.
"""
import gc
import json

import precheck
import profile as input_profile
import runner


def precheck_json(code):
    return json.dumps(precheck.check(code), ensure_ascii=False)


def run_json(code, input_dir, output_dir, max_stream_bytes, use_precheck=True, walls_off=False):
    # walls_off: tests only (the host reads it from its own test-only switch, never from a request).
    try:
        result = runner.run(
            code, input_dir=input_dir, output_dir=output_dir,
            max_stream_bytes=max_stream_bytes, precheck=bool(use_precheck), walls_off=bool(walls_off),
        )
    finally:
        # The user's objects are unreachable now; give their memory back before the next run.
        gc.collect()
    return json.dumps(result, ensure_ascii=False, default=str)


def profile_json(input_dir):
    return json.dumps(input_profile.profile_inputs(input_dir), ensure_ascii=False, default=str)
