# Flowcraft code-job wrapper: runs code.py with the node's inputs and writes result.json.
# The result is function_name(inputs) when that function exists (main by default, when the code
# sets no `result`), else the global `result`. Non-JSON values become str(value).
# Top-level variables the code created or changed (plain JSON values, not functions or modules)
# become run variables for the nodes after it, as in DiPeO's shared namespace.
import asyncio
import inspect
import json
import sys


def _run():
    with open("payload.json", encoding="utf-8") as f:
        payload = json.load(f)
    inputs = payload["inputs"]
    scope = {"__name__": "__flowcraft_job__", "__builtins__": __builtins__}
    scope.update(payload["globals"])
    scope["inputs"] = inputs
    with open("code.py", encoding="utf-8") as f:
        source = f.read()
    exec(compile(source, "code.py", "exec"), scope)
    name = payload.get("function_name") or ""
    fn = scope.get(name or "main")
    if name and not callable(fn):
        sys.stderr.write("function_name '%s' is not defined by the code\n" % name)
        sys.exit(3)
    if callable(fn) and (name or "result" not in scope):
        result = fn(inputs)
        if inspect.isawaitable(result):
            result = asyncio.run(result)
    else:
        result = scope.get("result")
    variables = {}
    budget = 65536
    for key, value in scope.items():
        if key.startswith("_") or key in ("inputs", "result") or key in inputs:
            continue
        if key in payload["globals"] and payload["globals"][key] == value:
            continue
        try:
            encoded = json.dumps(value, allow_nan=False)
        except (TypeError, ValueError):
            continue
        if len(encoded) <= budget:
            budget -= len(encoded)
            variables[key] = value
    try:
        text = json.dumps({"result": result, "variables": variables}, default=str, allow_nan=False)
    except (TypeError, ValueError):
        text = json.dumps({"result": str(result), "variables": variables})
    with open("result.json", "w", encoding="utf-8") as f:
        f.write(text)


_run()
