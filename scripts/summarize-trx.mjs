// Sums the TRX result files of a `dotnet test` run and the `*.results.json` files the Node test scripts write
// (tests/browser/results.mjs), lists every skipped test with its reason, and prints the closing line
// "N passed, N failed, N skipped". Exits 1 when a test failed or none ran.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2] ?? 'TestResults';
const files = readdirSync(folder).filter((name) => name.endsWith('.trx'));
let passed = 0;
let failed = 0;
let skipped = 0;

const decode = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

for (const file of files) {
  const trx = readFileSync(join(folder, file), 'utf8');
  // A test host that crashed leaves a run whose summary failed with no failed test in it: the tests that
  // never ran are not in the file, so the crash itself is counted as one failure.
  const aborted = /<ResultSummary outcome="(Failed|Aborted|Error)"/.test(trx) && /test run was aborted|process crashed/i.test(trx);
  if (aborted) {
    failed++;
    console.log(`FAILED: the test run of ${file} was aborted (test host crashed); tests after the crash did not run`);
  }
  for (const [, attributes, body] of trx.matchAll(/<UnitTestResult\b([^>]*?)(?:\/>|>([\s\S]*?)<\/UnitTestResult>)/g)) {
    const outcome = /outcome="([^"]+)"/.exec(attributes)?.[1];
    const name = decode(/testName="([^"]+)"/.exec(attributes)?.[1] ?? '?');
    if (outcome === 'Passed') {
      passed++;
    } else if (outcome === 'NotExecuted') {
      skipped++;
      const reason = /<Message>([\s\S]*?)<\/Message>/.exec(body ?? '')?.[1] ?? /<StdOut>([\s\S]*?)<\/StdOut>/.exec(body ?? '')?.[1] ?? 'no reason given';
      console.log(`skipped: ${name} — ${decode(reason).trim()}`);
    } else {
      failed++;
      console.log(`FAILED: ${name}`);
    }
  }
}

for (const file of readdirSync(folder).filter((name) => name.endsWith('.results.json'))) {
  const { tests } = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  for (const test of tests) {
    if (test.outcome === 'passed') {
      passed++;
    } else if (test.outcome === 'skipped') {
      skipped++;
      console.log(`skipped: ${test.name} — ${test.message ?? 'no reason given'}`);
    } else {
      failed++;
      console.log(`FAILED: ${test.name}`);
    }
  }
}

if (files.length === 0 || passed + failed === 0) {
  console.log('no test ran');
  failed = Math.max(failed, 1);
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
