// Issue 17: `opskit serve` in headless Chromium. Serves a temporary copy of a small kit
// (tests/fixtures/operating-model/clean) with --port 0, opens a runbook, then edits its source
// the way an editor saves (a temporary file renamed over it):
//   - the new text shows without anyone reloading, at the same scroll position;
//   - a broken front matter shows the overlay with the file, line, column and rule;
//   - fixing it makes the overlay go.
// OPSKIT_BIN: the opskit binary (default <repository>/build/opskit).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SOURCE, CHROMIUM, launchBrowser, openPage } from './lib.mjs';

const OPSKIT_BIN = path.resolve(process.env.OPSKIT_BIN || path.join(SOURCE, 'build/opskit'));
const FIXTURE = path.join(SOURCE, 'tests/fixtures/operating-model/clean');
const PAGE_SOURCE = 'content/runbooks/restart-service.md';
const OVERLAY = '#opskit-serve-problems';

const project = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-serve-browser-'));
let server = null;
after(() => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(project, { recursive: true, force: true });
});

/** Starts `opskit serve --port 0` and resolves with its URL (read from its stderr). */
function startServer(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(OPSKIT_BIN, ['serve', '--port', '0', '-C', root], { stdio: ['ignore', 'ignore', 'pipe'] });
    server = child;
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL from opskit serve after 60 s:\n${output}`)), 60_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const m = /opskit: serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`opskit serve exited (${code}):\n${output}`)));
  });
}

/** Saves like an editor: a temporary file beside the page, renamed over it. */
function save(file, text) {
  const tmp = path.join(path.dirname(file), '.serve-test.tmp');
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

test('opskit serve: edits show live, a broken front matter shows in the overlay and goes when fixed', async () => {
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  assert.ok(fs.existsSync(OPSKIT_BIN), `no opskit binary at ${OPSKIT_BIN} (set OPSKIT_BIN)`);
  fs.cpSync(FIXTURE, project, { recursive: true });
  const source = path.join(project, PAGE_SOURCE);
  const original = fs.readFileSync(source, 'utf8');
  // A long page, so that the scroll position means something.
  const long = original + '\n## Notes\n\n' + Array.from({ length: 80 }, (_, i) => `Note line ${i}.\n`).join('\n');
  save(source, long);

  const url = await startServer(project);
  const browser = await launchBrowser();
  try {
    const { page, errors } = await openPage(browser, { viewport: { width: 1000, height: 500 } });
    let loads = 0;
    page.on('load', () => { loads += 1; });
    await page.goto(`${url}runbooks/restart-service/`);
    await page.waitForFunction(() => document.body?.innerText.includes('The service answers again.'));
    assert.equal(await page.locator(OVERLAY).count(), 0, 'no overlay on a clean build');

    // An edit: the new text appears with no reload from the test, at the same scroll position.
    await page.evaluate(() => window.scrollTo(0, 600));
    const before = await page.evaluate(() => window.scrollY);
    assert.ok(before > 300, `the page scrolls (scrollY ${before})`);
    const loadsBefore = loads;
    save(source, long.replace('The service answers again.', 'The service answers again, edited in Chromium.'));
    await page.waitForFunction(() => document.body?.innerText.includes('edited in Chromium'), null, { timeout: 20_000 });
    assert.ok(loads > loadsBefore, 'the page reloaded itself');
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 40, before, { timeout: 5_000 })
      .catch(async () => assert.fail(`the scroll position was not kept: ${before} -> ${await page.evaluate(() => window.scrollY)}`));

    // A broken front matter (line 5 of the page): the overlay says where and which rule.
    const broken = long.replace('owner: cloud-operations-engineer\n', 'owner: a: b\n');
    assert.notEqual(broken, long);
    save(source, broken);
    const item = page.locator(`${OVERLAY} li`).filter({ hasText: 'frontmatter.invalid' });
    await item.first().waitFor({ timeout: 20_000 });
    const text = await item.first().textContent();
    assert.match(text, /content\/runbooks\/restart-service\.md:5:9/, `the overlay names the file, line and column: ${text}`);
    assert.match(text, /error/);
    assert.match(text, /invalid YAML/);
    // Plain text: the overlay holds no links.
    assert.equal(await page.locator(`${OVERLAY} a`).count(), 0, 'the overlay has no links');

    // Fixed: the overlay goes on the next build.
    save(source, long);
    await page.locator(OVERLAY).waitFor({ state: 'detached', timeout: 20_000 });
    await page.waitForFunction(() => document.body?.innerText.includes('The service answers again.'));
    assert.deepEqual(errors, [], `no page errors: ${errors.join('\n')}`);
  } finally {
    await browser.close();
  }
  server.kill('SIGINT');
  const code = await new Promise((resolve) => server.on('exit', resolve));
  assert.equal(code, 0, 'SIGINT stops opskit serve with exit code 0');
});
