// The questionnaire form (::questionnaire) in headless Chromium, opened from file://: fill part
// of it, reload (the answers are still there), export JSON, then `opskit assess` on the export
// must produce a report holding those answers. Also: CSV export, clear, import, print, progress,
// no network request, and the script staying inert on pages without the form.
//
// Two sites are tried, each its own test:
//   - the kit's site, OPSKIT_SITE (default <repository>/build/out/site), assessed against the
//     project OPSKIT_PROJECT (default: the repository root);
//   - a site built by OPSKIT_BIN (default <repository>/build/opskit) from
//     tests/fixtures/questionnaire into a temporary folder.
// A site whose questionnaire page does not render the form fails, saying why.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SITE, SCREENSHOTS, CHROMIUM, launchBrowser, openPage, fileUrl, readPage, ensureDir,
} from './lib.mjs';

const SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OPSKIT_BIN = path.resolve(process.env.OPSKIT_BIN || path.join(SOURCE, 'build/opskit'));
const KIT_PROJECT = path.resolve(process.env.OPSKIT_PROJECT || SOURCE);
const FIXTURE = path.join(SOURCE, 'tests/fixtures/questionnaire');
const PAGE = 'assessment/questionnaire/index.html';

const temps = [];
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `opskit-${prefix}-`));
  temps.push(dir);
  return dir;
}
after(() => { for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true }); });

function opskit(args) {
  const run = spawnSync(OPSKIT_BIN, args, { encoding: 'utf8', timeout: 120_000 });
  if (run.error) throw run.error;
  return run;
}

/** Why the site cannot run this test, or '' when it can. */
function unusable(site) {
  const file = path.join(site, PAGE);
  if (!fs.existsSync(file)) return `no ${PAGE} in ${site}`;
  const html = readPage(PAGE, site);
  if (!/<form class="questionnaire"/.test(html)) {
    return `${PAGE} has no questionnaire form: the ::questionnaire view is not hooked into the build yet`;
  }
  if (!/assets\/js\/questionnaire\.js/.test(html) || !/assets\/css\/questionnaire\.css/.test(html)) {
    // The form is there but the layout does not load its script and style: that is a bug.
    throw new Error(`${PAGE} renders the form but does not load assets/js/questionnaire.js and `
      + 'assets/css/questionnaire.css: add them to site-theme/templates/layout.mustache');
  }
  return '';
}

function buildFixtureSite() {
  if (!fs.existsSync(OPSKIT_BIN)) return { reason: `no opskit binary at ${OPSKIT_BIN} (set OPSKIT_BIN)` };
  const out = tempDir('questionnaire-fixture');
  const run = opskit(['build', '-C', FIXTURE, '--out', out, '-q']);
  if (run.status !== 0) return { reason: `opskit build of the fixture failed (exit ${run.status}):\n${run.stderr}` };
  return { site: path.join(out, 'site') };
}

/** A plan of what to fill, read from the form itself so that any questionnaire works. */
async function fillPlan(page) {
  return page.evaluate(() => {
    const pick = (type, both) => [...document.querySelectorAll(`.question[data-type="${type}"]`)]
      .find((q) => !both || q.dataset.states === 'current future');
    const info = (q) => ({ id: q.dataset.question, states: q.dataset.states.split(' '), section: q.closest('[data-section]').dataset.section });
    const optionValues = (q, state) => [...q.querySelectorAll(`[name="${q.dataset.question}.${state}"]`)].map((i) => i.value);
    const single = pick('single', true);
    const multiple = pick('multiple', false);
    const scale = pick('scale', false);
    const number = pick('number', false);
    const text = pick('text', false);
    const plan = {};
    if (single) {
      const values = optionValues(single, 'current');
      plan.single = { ...info(single), current: values[1], future: values[values.length - 1] };
    }
    if (multiple) {
      const m = info(multiple);
      plan.multiple = { ...m, state: m.states[0], values: optionValues(multiple, m.states[0]).slice(0, 2) };
    }
    if (scale) { const s = info(scale); plan.scale = { ...s, state: s.states[0], value: '3' }; }
    if (number) { const n = info(number); plan.number = { ...n, state: n.states[0], value: 12.5 }; }
    if (text) {
      const t = info(text);
      plan.text = { ...t, state: t.states[t.states.length - 1], value: 'Weekly operations review, chaired by the "CIO"\nMinutes in the wiki' };
    }
    return plan;
  });
}

const css = (s) => s.replace(/(["\\])/g, '\\$1');
const slot = (id, state, value) => `[name="${css(`${id}.${state}`)}"]${value === undefined ? '' : `[value="${css(String(value))}"]`}`;

async function fill(page, plan) {
  await page.check(slot(plan.single.id, 'current', plan.single.current));
  await page.check(slot(plan.single.id, 'future', plan.single.future));
  for (const v of plan.multiple.values) await page.check(slot(plan.multiple.id, plan.multiple.state, v));
  if (plan.scale) await page.check(slot(plan.scale.id, plan.scale.state, plan.scale.value));
  await page.fill(slot(plan.number.id, plan.number.state), String(plan.number.value));
  await page.fill(slot(plan.text.id, plan.text.state), plan.text.value);
}

/** The answers the form shows, read from the controls. */
async function shown(page, plan) {
  return page.evaluate((p) => {
    const sel = (id, state) => `[name="${CSS.escape(`${id}.${state}`)}"]`;
    const checked = (id, state) => [...document.querySelectorAll(sel(id, state))].filter((i) => i.checked).map((i) => i.value);
    return {
      singleCurrent: checked(p.single.id, 'current'),
      singleFuture: checked(p.single.id, 'future'),
      multiple: checked(p.multiple.id, p.multiple.state),
      scale: p.scale ? checked(p.scale.id, p.scale.state) : [],
      number: document.querySelector(sel(p.number.id, p.number.state)).value,
      text: document.querySelector(sel(p.text.id, p.text.state)).value,
    };
  }, plan);
}

function expectShown(actual, plan) {
  assert.deepEqual(actual.singleCurrent, [plan.single.current]);
  assert.deepEqual(actual.singleFuture, [plan.single.future]);
  assert.deepEqual(actual.multiple, plan.multiple.values);
  if (plan.scale) assert.deepEqual(actual.scale, [plan.scale.value]);
  assert.equal(Number(actual.number), plan.number.value);
  assert.equal(actual.text, plan.text.value);
}

async function progressText(page, section) {
  return page.textContent(`.questionnaire-progress-text[data-progress-for="${section}"]`);
}

async function runFlow(t, site, project, label) {
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  const browser = await launchBrowser();
  try {
    const { context, page, errors } = await openPage(browser);
    const requests = [];
    page.on('request', (r) => { if (!/^(file|blob|data):/.test(r.url())) requests.push(r.url()); });

    await page.goto(fileUrl(PAGE, site));
    const form = page.locator('form.questionnaire');
    await form.waitFor();
    await page.waitForSelector('form.questionnaire.is-ready');
    const version = await form.getAttribute('data-questionnaire-version');
    assert.ok(version, 'the form names its questionnaire version');
    const plan = await fillPlan(page);
    for (const kind of ['single', 'multiple', 'number', 'text']) assert.ok(plan[kind], `the questionnaire has a ${kind} question`);

    // Progress starts at zero and counts the answers given in the section.
    const section = plan.single.section;
    assert.match(await progressText(page, section), /^0 of \d+ answers? given$/);
    await fill(page, plan);
    const filledIn = (p) => Object.values(plan).filter((q) => q.section === p)
      .reduce((n, q) => n + (q === plan.single ? 2 : 1), 0);
    assert.match(await progressText(page, section), new RegExp(`^${filledIn(section)} of \\d+ answers? given$`));
    const bar = page.locator(`.questionnaire-section[data-section="${section}"] progress`);
    assert.equal(await bar.evaluate((b) => b.value), filledIn(section));

    // Saved as typed, under the version's key.
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), `opskit-answers-${version}`));
    assert.equal(stored.questionnaire_version, version);
    assert.equal(stored.answers[plan.single.id].future, plan.single.future);

    // Reload: the answers are still there, and so is the progress.
    await page.reload();
    await page.waitForSelector('form.questionnaire.is-ready');
    expectShown(await shown(page, plan), plan);
    assert.match(await progressText(page, section), new RegExp(`^${filledIn(section)} of `));
    ensureDir(SCREENSHOTS);
    await page.locator(`#q-${plan.single.id}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, `questionnaire-${label}.png`) });

    // Export JSON: a download, not a request.
    const work = tempDir(`questionnaire-${label}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action="export-json"]')]);
    assert.equal(download.suggestedFilename(), `opskit-answers-${version.replace(/[^A-Za-z0-9._-]+/g, '-')}.json`);
    const exportFile = path.join(work, 'answers.json');
    await download.saveAs(exportFile);
    const exported = JSON.parse(fs.readFileSync(exportFile, 'utf8'));
    assert.equal(exported.questionnaire_version, version);
    assert.deepEqual(exported.answers[plan.single.id], { current: plan.single.current, future: plan.single.future });
    assert.deepEqual(exported.answers[plan.multiple.id][plan.multiple.state], plan.multiple.values);
    assert.equal(exported.answers[plan.number.id][plan.number.state], plan.number.value);  // a JSON number
    assert.equal(exported.answers[plan.text.id][plan.text.state], plan.text.value);
    if (plan.scale) assert.equal(exported.answers[plan.scale.id][plan.scale.state], '3');

    // Export CSV: id,state,value rows.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('button[data-action="export-csv"]')]);
    const csvFile = path.join(work, 'answers.csv');
    await csvDownload.saveAs(csvFile);
    const csv = fs.readFileSync(csvFile, 'utf8');
    assert.ok(csv.startsWith('id,state,value\r\n'), 'the CSV starts with its header');
    assert.ok(csv.includes(`\r\n${plan.single.id},future,${plan.single.future.includes(',') ? `"${plan.single.future}"` : plan.single.future}\r\n`));
    assert.ok(csv.includes(`${plan.text.id},${plan.text.state},"${plan.text.value.replace(/"/g, '""')}"\r\n`));

    // Print: the whole text of every textarea is printed.
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
    await page.click('button[data-action="print"]');
    assert.equal(await page.evaluate(() => window.__printed), 1);
    assert.equal(await page.textContent(`${slot(plan.text.id, plan.text.state)} + .question-print-text`), plan.text.value);

    // Clear (after confirming), then import the JSON export, then the CSV export.
    page.once('dialog', (d) => d.accept());
    await page.click('button[data-action="clear"]');
    assert.match(await progressText(page, section), /^0 of /);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `opskit-answers-${version}`), null);
    await page.setInputFiles('#questionnaire-import', exportFile);
    await page.waitForFunction((id) => document.querySelectorAll(`[name="${CSS.escape(id)}.future"]:checked`).length === 1, plan.single.id);
    expectShown(await shown(page, plan), plan);
    assert.match(await page.textContent('.questionnaire-status'), /^Imported \d+ answers? from answers\.json\./);
    page.once('dialog', (d) => d.accept());
    await page.click('button[data-action="clear"]');
    await page.setInputFiles('#questionnaire-import', csvFile);
    await page.waitForFunction((id) => document.querySelectorAll(`[name="${CSS.escape(id)}.future"]:checked`).length === 1, plan.single.id);
    expectShown(await shown(page, plan), plan);

    // The script is inert on a page without the form.
    await page.goto(fileUrl('index.html', site));
    assert.equal(await page.locator('form.questionnaire').count(), 0);

    assert.deepEqual(requests, [], 'the questionnaire makes no network request');
    assert.deepEqual(errors, [], 'no script or console errors');
    await context.close();

    // opskit assess on the export: the report holds the answers given in the browser.
    const out = path.join(work, 'report');
    const run = opskit(['assess', exportFile, '-C', project, '--out', out]);
    assert.equal(run.status, 0, `opskit assess failed (exit ${run.status}):\n${run.stderr}`);
    const md = fs.readFileSync(path.join(out, 'assessment-report.md'), 'utf8');
    const html = fs.readFileSync(path.join(out, 'assessment-report.html'), 'utf8');
    const row = (id) => md.split('\n').find((l) => l.startsWith(`| \`${id}\``)) || '';
    const mdText = (s) => s.replace(/[\\`*_[\]<>|~&#!]/g, '\\$&');
    assert.ok(row(plan.single.id).includes(`| ${mdText(plan.single.current)} | ${mdText(plan.single.future)} |`), row(plan.single.id));
    for (const v of plan.multiple.values) assert.ok(row(plan.multiple.id).includes(mdText(v)), row(plan.multiple.id));
    assert.ok(row(plan.number.id).includes('12.5'), row(plan.number.id));
    assert.ok(row(plan.text.id).includes('Weekly operations review, chaired by the "CIO" Minutes in the wiki'), row(plan.text.id));
    if (plan.scale) assert.ok(row(plan.scale.id).includes('3 of 5'), row(plan.scale.id));
    assert.match(md, /\*\*Recommended support plan: [^*]+\*\*/);
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.includes('Weekly operations review, chaired by the &quot;CIO&quot; Minutes in the wiki')
      || html.includes('Weekly operations review, chaired by the "CIO" Minutes in the wiki'));
  } finally {
    await browser.close();
  }
}

test('questionnaire on the kit site: fill, reload, export, assess', async (t) => {
  assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE}: build it, or set OPSKIT_SITE`);
  const why = unusable(SITE);
  assert.ok(!why, why);
  await runFlow(t, SITE, KIT_PROJECT, 'kit');
});

test('questionnaire on a site built from tests/fixtures/questionnaire: fill, reload, export, assess', async (t) => {
  const built = buildFixtureSite();
  assert.ok(!built.reason, built.reason);
  const why = unusable(built.site);
  assert.ok(!why, why);
  await runFlow(t, built.site, FIXTURE, 'fixture');
});
