"""Worker for Lambda@Edge handlers on python3.11.

Started once per function version and kept warm: reads one JSON event per line on stdin and
writes one line per event on stdout, {"result": ...} or {"error": "..."}. The handler's own
prints go to stderr so they can never be mistaken for a result.
Usage: python3 bootstrap.py CODE_FILE FUNCTION
"""
import importlib.util
import json
import sys

protocol = sys.stdout
sys.stdout = sys.stderr


def load(code_file, name):
    spec = importlib.util.spec_from_file_location("handler_module", code_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


class Context:
    function_name = "edge"


def main():
    try:
        handler = load(sys.argv[1], sys.argv[2])
        failure = None
    except Exception as err:  # reported on every event, as Lambda reports an init error
        handler, failure = None, f"{type(err).__name__}: {err}"
    for line in sys.stdin:
        try:
            if failure:
                raise RuntimeError(failure)
            reply = {"result": handler(json.loads(line), Context())}
        except Exception as err:
            reply = {"error": f"{type(err).__name__}: {err}"}
        protocol.write(json.dumps(reply) + "\n")
        protocol.flush()


main()
