// Worker for Lambda@Edge handlers (nodejs20.x) and CloudFront Functions (cloudfront-js-2.0).
//
// Started once per function version and kept warm: it reads one JSON event per line on stdin
// and writes one line per event on stdout: {"result": …} or {"error": "…"}. Anything the handler
// prints goes to stderr, so it can never be mistaken for a result.
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

let handler;
try {
  if (mode === 'cloudfront-function') {
    const sandbox = { console };
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

function reply(obj) { out.write(JSON.stringify(obj) + '\n'); }

async function invoke(event) {
  if (mode === 'cloudfront-function') return handler(event);
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
      const result = await invoke(JSON.parse(line));
      reply({ result: result === undefined ? null : result });
    } catch (err) {
      reply({ error: String(err && err.stack ? err.stack.split('\n')[0] : err) });
    }
  });
});
lines.on('close', () => queue.then(() => process.exit(0)));
