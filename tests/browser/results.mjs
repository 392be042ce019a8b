// A tiny result file that scripts/summarize-trx.mjs adds to the run's totals (TestResults/*.results.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class Results {
  constructor(suite, folder) {
    this.suite = suite;
    this.folder = folder;
    this.tests = [];
  }

  async run(name, body) {
    const started = Date.now();
    try {
      await body();
      this.tests.push({ name: `${this.suite}.${name}`, outcome: 'passed', ms: Date.now() - started });
      console.log(`  passed: ${name}`);
    } catch (error) {
      this.tests.push({ name: `${this.suite}.${name}`, outcome: 'failed', ms: Date.now() - started, message: String(error?.stack ?? error) });
      console.log(`  FAILED: ${name}\n${error?.stack ?? error}`);
    }
  }

  skip(name, reason) {
    this.tests.push({ name: `${this.suite}.${name}`, outcome: 'skipped', message: reason });
    console.log(`  skipped: ${name} — ${reason}`);
  }

  write() {
    mkdirSync(this.folder, { recursive: true });
    writeFileSync(join(this.folder, `${this.suite}.results.json`), JSON.stringify({ suite: this.suite, tests: this.tests }, null, 2));
    return this.tests.some((t) => t.outcome === 'failed') ? 1 : 0;
  }
}
