// Real-browser test of the API docs: starts the built API, validates its OpenAPI document as OpenAPI 3,
// opens the Scalar page in Debian's Chromium (headless, through playwright-core), waits until the
// routes are listed, and saves a screenshot. Usage: node docs-page.test.mjs <results folder>
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { chromium } from 'playwright-core';
import { startApi } from './api-process.mjs';
import { Results } from './results.mjs';

const resultsFolder = resolve(process.argv[2] ?? 'TestResults');
const screenshots = join(resultsFolder, 'browser');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const routes = ['/api/auth/register', '/api/auth/login', '/api/users/me', '/health/ready', '/health/live'];
const results = new Results('Browser.DocsPage', resultsFolder);

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const api = await startApi();
try {
  await results.run('OpenApi_document_validates_as_OpenAPI_3_and_lists_every_route', async () => {
    const response = await fetch(`${api.baseUrl}/openapi/v1.json`);
    assert(response.ok, `GET /openapi/v1.json answered ${response.status}`);
    const document = await response.json();
    assert(/^3\.[01]\.\d+$/.test(document.openapi), `openapi is ${document.openapi}`);
    await SwaggerParser.validate(structuredClone(document)); // throws with every problem it finds
    for (const route of routes) {
      assert(Object.keys(document.paths).some((p) => p.replace(/\/$/, '') === route), `${route} is not in the document`);
    }
    assert(document.components.securitySchemes.Bearer?.scheme === 'bearer', 'no bearer scheme');
  });

  await results.run('Docs_page_preselects_the_bearer_scheme_and_turns_the_hosted_services_off', async () => {
    const html = await (await fetch(`${api.baseUrl}/scalar/`)).text();
    for (const setting of ['"preferredSecurityScheme":["Bearer"]', '"showDeveloperTools":"never"', '"agent":{"disabled":true}',
      '"mcp":{"disabled":true}', '"telemetry":false']) {
      assert(html.includes(setting), `the page's configuration lacks ${setting}`);
    }
  });

  await results.run('Docs_page_lists_the_routes_in_a_real_browser', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'cleanauth-chromium-'));
    // A fresh profile folder each run (playwright passes it to Chromium as --user-data-dir).
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-quic', '--disable-sync'],
    });
    try {
      const page = browser.pages()[0] ?? await browser.newPage();
      const offsite = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http')) offsite.push(request.url());
      });
      // Nothing may come from outside this machine: the page must work offline.
      await page.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http'), (route) => route.abort());
      const response = await page.goto(`${api.baseUrl}/scalar/`, { waitUntil: 'domcontentloaded' });
      assert(response?.ok(), `GET /scalar answered ${response?.status()}`);
      mkdirSync(screenshots, { recursive: true });
      try {
        await page.waitForFunction(
          (expected) => expected.every((route) => document.body.innerText.includes(route)),
          routes,
          { timeout: 30000, polling: 250 },
        );
      } catch (error) {
        await page.screenshot({ path: join(screenshots, 'docs-page-failed.png') });
        const shown = await page.evaluate(() => document.body.innerText);
        const missing = routes.filter((route) => !shown.includes(route));
        throw new Error(`${error.message}\nroutes not shown: ${missing.join(', ')}\noffsite requests: ${offsite.join(', ')}`);
      }
      const text = await page.evaluate(() => document.body.innerText);
      assert(text.includes('CleanAuth API'), 'the page does not show the API title');
      await page.screenshot({ path: join(screenshots, 'docs-page.png') });
      await page.screenshot({ path: join(screenshots, 'docs-page-full.png'), fullPage: true });
      // The account routes' section, scrolled into view: the screenshot shows the protected routes' paths too.
      await page.getByText('/api/users/me').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, 'docs-page-users.png') });
      assert(offsite.length === 0, `the page tried to load from outside: ${offsite.join(', ')}`);

      // The hosted-service toolbar and agent are off (ADR 0048): no control sends the document or the reader elsewhere.
      const controls = await page.evaluate(() => [...document.querySelectorAll('button, a, [role="button"]')]
        .map((e) => (e.innerText || e.getAttribute('aria-label') || '').trim()).filter((t) => t.length > 0));
      const hosted = controls.filter((t) => /ask ai|share|generate sdk|deploy|configure|agent/i.test(t));
      assert(hosted.length === 0, `hosted-service controls are shown: ${hosted.join(' | ')}`);
      const config = await page.evaluate(() => document.body.innerHTML);
      assert(!/registry\.scalar\.com|proxy\.scalar\.com|api\.scalar\.com/.test(config), 'the page names a Scalar service');
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
} finally {
  await api.stop();
}

process.exit(results.write());
