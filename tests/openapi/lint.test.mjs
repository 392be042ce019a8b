// Lints the OpenAPI document the built API serves with Redocly CLI's recommended ruleset (redocly.yaml beside
// this file): no errors, and no warning that is neither fixed nor explained there. Writes
// OpenApi.RedoclyLint.results.json, which scripts/summarize-trx.mjs adds to the closing line.
// Usage: node tests/openapi/lint.test.mjs <results folder>
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startApi } from '../browser/api-process.mjs';
import { Results } from '../browser/results.mjs';

const results = new Results('OpenApi.RedoclyLint', resolve(process.argv[2] ?? 'TestResults'));
const redocly = join(import.meta.dirname, 'node_modules', '.bin', 'redocly');
const folder = mkdtempSync(join(tmpdir(), 'cleanauth-openapi-'));
const documentPath = join(folder, 'openapi.json');

let problems = [];
const api = await startApi();
try {
  await results.run('Document_is_served', async () => {
    const response = await fetch(`${api.baseUrl}/openapi/v1.json`);
    if (!response.ok) throw new Error(`GET /openapi/v1.json answered ${response.status}`);
    writeFileSync(documentPath, await response.text());
  });
} finally {
  await api.stop();
}

await results.run('Redocly_recommended_ruleset_runs', async () => {
  const lint = spawnSync(redocly, ['lint', documentPath, '--config', join(import.meta.dirname, 'redocly.yaml'), '--format', 'json', '--max-problems', '1000'],
    { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  if (lint.error) throw lint.error;
  const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
  problems = report.problems;
  console.log(`  redocly lint: ${report.totals.errors} errors, ${report.totals.warnings} warnings, ${report.totals.ignored} ignored`);
  for (const problem of problems) {
    console.log(`  ${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location?.[0]?.pointer ?? '?'}`);
  }
});

const list = (severity) => problems.filter((p) => p.severity === severity).map((p) => `${p.ruleId} at ${p.location?.[0]?.pointer}`);
await results.run('No_errors', async () => {
  const errors = list('error');
  if (errors.length > 0) throw new Error(`${errors.length} errors:\n${errors.join('\n')}`);
});
await results.run('No_warning_that_is_neither_fixed_nor_explained_in_redocly_yaml', async () => {
  const warnings = list('warn');
  if (warnings.length > 0) throw new Error(`${warnings.length} warnings (fix them, or switch the rule off in redocly.yaml with the reason):\n${warnings.join('\n')}`);
});

rmSync(folder, { recursive: true, force: true });
process.exit(results.write());
