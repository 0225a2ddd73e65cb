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
    vm.runInContext(fs.readFileSync(codeFile, 'utf8') + '\n;globalThis.__handler = handler;', sandbox, { filename: path.basename(codeFile) });
    handler = sandbox.__handler;
  } else {
    handler = require(path.resolve(codeFile))[exportName];
  }
  if (typeof handler !== 'function') throw new Error(`${exportName} is not a function in ${path.basename(codeFile)}`);
} catch (err) {
  handler = () => { throw err; };
}
if (sandbox) sandbox.__handler = handler;

function reply(obj) { out.write(JSON.stringify(obj) + '\n'); }

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
      reply({ error: String(err && err.stack ? err.stack.split('\n')[0] : err) });
    }
  });
});
lines.on('close', () => queue.then(() => process.exit(0)));
