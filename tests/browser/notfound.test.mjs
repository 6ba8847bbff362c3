// 404.html at any depth (issue 20): a web server answers an unknown path with 404.html's bytes;
// the page must still load its stylesheet and its home link must open the site's home page.
// Two sites: one whose opskit.yaml has a real site.base_url (absolute URLs: the published host is
// emulated by routing its requests to the local files), and one without (an inline script finds
// the root: from the site's top-level folders, or the root its pages remembered).
// Run: OPSKIT_SITE=kit/site OPSKIT_NO_BASE_URL_SITE=bilingual/site node --test notfound.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SITE, fileUrl, launchBrowser, openPage, readPage, requireSite, startServer } from './lib.mjs';

const NO_BASE_SITE = path.resolve(process.env.OPSKIT_NO_BASE_URL_SITE || SITE);
const T = { timeout: 90_000 };

requireSite();

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Opens `url`, expecting status 404; returns whether site.css applied (the header's colours). */
async function openNotFound(page, url) {
  const response = await page.goto(url);
  assert.equal(response.status(), 404, `${url} is answered with 404`);
  assert.match(await page.title(), /not found/i, 'the body is 404.html');
  return page.evaluate(() => {
    const header = document.querySelector('.site-header');
    return !!header && getComputedStyle(header).position === 'sticky' && getComputedStyle(header).display === 'flex';
  });
}

/** Errors other than the page's own 404 status (the response the test asks for). */
function otherErrors(errors, url) {
  return errors.filter((e) => !(e.includes('status of 404') && e.endsWith(`(${url})`)));
}

/** Clicks "Go to the home page"; returns the status and the URL it opened. */
async function followHome(page) {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('.not-found-actions a.button-primary'),
  ]);
  return { status: response.status(), url: page.url(), title: await page.title() };
}

/** The site's base_url as 404.html writes it (its stylesheet link), or null. */
function absoluteRoot(siteDir) {
  const m = /<link rel="stylesheet" href="(https?:\/\/[^"]*?)assets\/css\/site\.css"/.exec(readPage('404.html', siteDir));
  return m ? m[1] : null;
}

describe('404.html with site.base_url (absolute URLs)', () => {
  const base = absoluteRoot(SITE);
  let server;
  before(async () => { server = await startServer(SITE, '/'); });
  after(async () => { await server?.close(); });

  it('the kit sets base_url, so its 404 page names absolute URLs', () => {
    assert.ok(base, 'site.css is linked from the base_url');
    assert.ok(!readPage('404.html', SITE).includes('<base href'), 'no script-written <base>');
  });

  for (const depth of ['a/b/c/', 'runbooks/no-such-page/']) {
    it(`served at /${depth}: styled, and its home link opens the home page`, T, async () => {
      const { page, context, errors } = await openPage(browser);
      try {
        // The published host, emulated: its URLs are answered from the built files.
        await context.route(`${base}**`, (route) => {
          let rel = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(base).pathname.length));
          if (rel === '' || rel.endsWith('/')) rel += 'index.html';
          const file = path.join(SITE, rel);
          if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
          return route.fulfill({ status: 200, path: file });
        });
        assert.ok(await openNotFound(page, server.origin + '/' + depth), 'site.css applies');
        const home = await followHome(page);
        assert.equal(home.status, 200);
        assert.equal(home.url, base + 'index.html');
        assert.deepEqual(otherErrors(errors, server.origin + '/' + depth), []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('404.html without site.base_url (the root found by a script)', () => {
  it('the site has no base_url: its 404 page carries the root finder', () => {
    assert.equal(absoluteRoot(NO_BASE_SITE), null);
    assert.ok(readPage('404.html', NO_BASE_SITE).includes("b.setAttribute('href', root"), 'the inline root finder');
  });

  it('opened from file:// (no server): styled, home link works', T, async () => {
    const { page, context, errors } = await openPage(browser);
    try {
      await page.goto(fileUrl('404.html', NO_BASE_SITE));
      assert.ok(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).position === 'sticky'), 'site.css applies');
      await Promise.all([page.waitForNavigation(), page.click('.not-found-actions a.button-primary')]);
      assert.equal(page.url(), fileUrl('index.html', NO_BASE_SITE));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  for (const prefix of ['/', '/docs/kit/']) {
    describe(`site served at ${prefix}`, () => {
      let server;
      before(async () => { server = await startServer(NO_BASE_SITE, prefix); });
      after(async () => { await server?.close(); });

      const topFolder = () => fs.readdirSync(NO_BASE_SITE, { withFileTypes: true })
        .find((e) => e.isDirectory() && e.name !== 'assets').name;

      const cases = [[`${topFolder()}/no-such-page/deeper/`, false]];
      if (prefix === '/') cases.push(['a/b/c/', false]);
      else cases.push(['a/b/c/', true]);   // unknown folders under a sub-path: the root the pages remembered
      for (const [rel, visitFirst] of cases) {
        it(`${prefix}${rel}${visitFirst ? ' (after visiting the home page)' : ''}: styled, home link works`, T, async () => {
          const { page, context, errors } = await openPage(browser);
          try {
            if (visitFirst) await page.goto(server.base + 'index.html');
            assert.ok(await openNotFound(page, server.base + rel), 'site.css applies');
            const home = await followHome(page);
            assert.equal(home.status, 200, `home link opened ${home.url}`);
            assert.equal(home.url, server.base + 'index.html');
            assert.deepEqual(otherErrors(errors, server.base + rel), []);
          } finally {
            await context.close();
          }
        });
      }
    });
  }
});
