/// The edge's function files, handler code and worker bootstraps compiled into the binary.
///
/// Generated from `Config/edge/` by `scripts/embed_config.py`; a test checks that they stay identical.
public enum EdgeDefaults {
    /// File text by path relative to `Config/` (`edge/docs-index.yaml`).
    public static let files: [String: String] = [
        "edge/account-gate.yaml": """
# Viewer request of /account/*: only viewers with a valid signed session cookie get through;
# a missing, forged or expired one is sent to /login without touching the origin.
name: account-gate
description: session check for /account/*
rules:
  - then:
      - require-session: { cookie: session, login: /login }
      - set-header: { name: x-device-type, value: desktop }
  - when: { header: { name: user-agent, contains: [Mobile, Android, iPhone] } }
    then:
      - set-header: { name: x-device-type, value: mobile }
  - when: { header: { name: user-agent, contains: [iPad, Tablet] } }
    then:
      - set-header: { name: x-device-type, value: tablet }

""",
        "edge/docs-index.yaml": """
# Origin request of the default behaviour: the site stores folders as .../index.html, so ask the
# origin for that when a viewer asks for the folder. Runs on cache misses only.
name: docs-index
description: /docs → /docs/index.html for the origin
rules:
  - when: { uri: /docs }
    then: { rewrite-uri: /docs/index.html }
    stop: true
  - when: { uri: { suffix: / } }
    then: { rewrite-uri: "{uri}index.html" }

""",
        "edge/edge-router.yaml": """
# Viewer request of the default behaviour: answers health checks at the edge (they never reach the
# origin) and tells the origin what kind of device is asking.
name: edge-router
description: /healthz at the edge; x-device-type from User-Agent
rules:
  - when: { uri: /healthz }
    then:
      - respond: { status: 200, content-type: application/json, body: '{"status":"ok"}', headers: { cache-control: no-store } }
  - then:
      - set-header: { name: x-device-type, value: desktop }
  - when: { header: { name: user-agent, contains: [Mobile, Android, iPhone] } }
    then:
      - set-header: { name: x-device-type, value: mobile }
  - when: { header: { name: user-agent, contains: [iPad, Tablet] } }
    then:
      - set-header: { name: x-device-type, value: tablet }

""",
        "edge/runtime/bootstrap.js": """
// Worker for Lambda@Edge handlers (nodejs20.x) and CloudFront Functions (cloudfront-js-2.0).
//
// Started once per function version and kept warm: it reads one JSON event per line on stdin
// and writes one line per event on stdout: {"result": …} or {"error": "…"}. Anything the handler
// prints goes to stderr, so it can never be mistaken for a result.
// A CloudFront Function runs inside a vm context with no require, network or timers, and its
// reply carries the CPU microseconds the call used ("computeMicros"), from which the host works
// out its compute utilization; one that runs past HARD_STOP_MS of wall time is cut off and
// answered with {"computeExceeded": true}.
// Usage: node bootstrap.js lambda|cloudfront-function CODE_FILE EXPORT
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const vm = require('vm');

const [mode, codeFile, exportName] = process.argv.slice(2);
const out = process.stdout;
console.log = console.error;
console.info = console.error;

const HARD_STOP_MS = 50;
let handler;
let sandbox;
const call = new vm.Script('globalThis.__result = __handler(__event);');
try {
  if (mode === 'cloudfront-function') {
    sandbox = { console };
    vm.createContext(sandbox);
    vm.runInContext(fs.readFileSync(codeFile, 'utf8') + '\\n;globalThis.__handler = handler;', sandbox, { filename: path.basename(codeFile) });
    handler = sandbox.__handler;
  } else {
    handler = require(path.resolve(codeFile))[exportName];
  }
  if (typeof handler !== 'function') throw new Error(`${exportName} is not a function in ${path.basename(codeFile)}`);
} catch (err) {
  handler = () => { throw err; };
}
if (sandbox) sandbox.__handler = handler;

function reply(obj) { out.write(JSON.stringify(obj) + '\\n'); }

// Runs a CloudFront Function synchronously under the hard stop, measuring its CPU time.
function invokeFunction(event) {
  sandbox.__event = event;
  const start = process.cpuUsage();
  try {
    call.runInContext(sandbox, { timeout: HARD_STOP_MS });
  } catch (err) {
    if (err && err.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { computeExceeded: true };
    throw err;
  }
  const used = process.cpuUsage(start);
  const result = sandbox.__result;
  return { result: result === undefined ? null : result, computeMicros: used.user + used.system };
}

async function invoke(event) {
  return await new Promise((resolve, reject) => {
    const callback = (err, result) => (err ? reject(err) : resolve(result));
    const context = { functionName: exportName, callbackWaitsForEmptyEventLoop: false };
    try {
      const maybe = handler(event, context, callback);
      if (maybe && typeof maybe.then === 'function') maybe.then(resolve, reject);
    } catch (err) { reject(err); }
  });
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    try {
      if (mode === 'cloudfront-function') { reply(invokeFunction(JSON.parse(line))); return; }
      const result = await invoke(JSON.parse(line));
      reply({ result: result === undefined ? null : result });
    } catch (err) {
      reply({ error: String(err && err.stack ? err.stack.split('\\n')[0] : err) });
    }
  });
});
lines.on('close', () => queue.then(() => process.exit(0)));

""",
        "edge/runtime/bootstrap.py": """
\"""Worker for Lambda@Edge handlers on python3.11.

Started once per function version and kept warm: reads one JSON event per line on stdin and
writes one line per event on stdout, {"result": ...} or {"error": "..."}. The handler's own
prints go to stderr so they can never be mistaken for a result.
Usage: python3 bootstrap.py CODE_FILE FUNCTION
\"""
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
        protocol.write(json.dumps(reply) + "\\n")
        protocol.flush()


main()

""",
        "edge/security-headers-js.yaml": """
# The viewer-response security headers as a Node.js Lambda@Edge handler.
name: security-headers-js
description: HSTS and friends on every response (Node.js)
runtime: nodejs20.x
handler: security-headers.handler
code: security-headers.js
timeout: 3

""",
        "edge/security-headers.js": """
'use strict';
// Lambda@Edge viewer-response handler: adds the usual security headers to every reply.
const headersToAdd = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': "default-src 'self'",
};

const displayName = (name) => name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('-');

exports.handler = async (event) => {
  const response = event.Records[0].cf.response;
  for (const [name, value] of Object.entries(headersToAdd)) {
    response.headers[name] = [{ key: displayName(name), value }];
  }
  return response;
};

""",
        "edge/security-headers.yaml": """
# Viewer response: the usual security headers on every reply (the rule form, used where Node.js
# is not installed; security-headers-js.yaml is the same in JavaScript).
name: security-headers
description: HSTS and friends on every response
rules:
  - then:
      - set-header: { name: strict-transport-security, value: "max-age=63072000; includeSubDomains; preload" }
      - set-header: { name: x-content-type-options, value: nosniff }
      - set-header: { name: x-frame-options, value: DENY }
      - set-header: { name: referrer-policy, value: strict-origin-when-cross-origin }
      - set-header: { name: content-security-policy, value: "default-src 'self'" }

""",
    ]
    public static var bootstrapJS: String { files["edge/runtime/bootstrap.js"]! }
    public static var bootstrapPy: String { files["edge/runtime/bootstrap.py"]! }
}
