// Flowcraft code-job wrapper: runs code.js with the node's inputs and writes result.json.
// The result is function_name(inputs) when that function exists (main by default, when the code
// sets no `result`), else the global `result`. Values JSON cannot hold become String(value).
'use strict';
const fs = require('fs');
const vm = require('vm');

async function run() {
  const payload = JSON.parse(fs.readFileSync('payload.json', 'utf8'));
  for (const [key, value] of Object.entries(payload.globals)) {
    globalThis[key] = value;
  }
  globalThis.inputs = payload.inputs;
  globalThis.require = require;
  vm.runInThisContext(fs.readFileSync('code.js', 'utf8'), { filename: 'code.js' });
  const name = payload.function_name || '';
  const fn = vm.runInThisContext(`typeof ${name || 'main'} === 'function' ? ${name || 'main'} : undefined`);
  const hasResult = vm.runInThisContext("typeof result !== 'undefined'");
  if (name && !fn) {
    process.stderr.write(`function_name '${name}' is not defined by the code\n`);
    process.exit(3);
  }
  let result = null;
  if (fn && (name || !hasResult)) {
    result = await fn(payload.inputs);
  } else if (hasResult) {
    result = vm.runInThisContext('result');
  }
  let text;
  try {
    text = JSON.stringify({ result: result === undefined ? null : result });
  } catch (e) {
    text = JSON.stringify({ result: String(result) });
  }
  fs.writeFileSync('result.json', text);
}

run().catch((e) => {
  process.stderr.write(`${(e && e.stack) || String(e)}\n`);
  process.exit(1);
});
