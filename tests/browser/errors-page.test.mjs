// The generated error-code HTML page in a real browser: Debian's headless Chromium, driven by
// playwright-core (which never downloads a browser of its own). scripts/test.sh runs it.
//
// The pages (scripts/test.sh renders the fixtures' pages with the CLI):
//   FLUX_ERRORS_HTML             the page of codes.toml  (default exports/docs/errors.html)
//   FLUX_ADVERSARIAL_PAGES_HTML  fixtures/adversarial_pages.toml's (target/browser/adversarial_pages.html)
//   FLUX_ADVERSARIAL_HTML        fixtures/adversarial.toml's       (target/browser/adversarial.html)
// Screenshots go to target/browser/*.png for a reviewer to look at. axe-core (npm, pinned) checks
// the page against WCAG 2 A/AA and axe's best practices; any violation fails.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'target/browser');
const pagePath = (variable, fallback) => path.resolve(process.env[variable] ?? path.join(root, fallback));
const realPage = pagePath('FLUX_ERRORS_HTML', 'exports/docs/errors.html');
const adversarialPage = pagePath('FLUX_ADVERSARIAL_PAGES_HTML', 'target/browser/adversarial_pages.html');
const hostilePages = [adversarialPage, pagePath('FLUX_ADVERSARIAL_HTML', 'target/browser/adversarial.html')];
// The codes of codes.toml (its `[codes.ERR_…]` tables), counted here rather than written down.
const CODES = readFileSync(path.join(root, 'codes.toml'), 'utf8').match(/^\[codes\.[A-Z][A-Z0-9_]*\]$/gm).length;

let userDataDir;
let context;

before(async () => {
  mkdirSync(out, { recursive: true });
  userDataDir = mkdtempSync(path.join(tmpdir(), 'flux-codes-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  await context?.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens a page, recording what it must never do: log errors, open dialogs, load anything. */
async function open(file, { query = '', hash = '' } = {}) {
  const page = await context.newPage();
  const problems = { console: [], dialogs: [], requests: [] };
  page.on('console', (m) => m.type() === 'error' && problems.console.push(m.text()));
  page.on('pageerror', (e) => problems.console.push(String(e)));
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  const url = pathToFileURL(file).href;
  page.on('request', (r) => r.url().split('?')[0].split('#')[0] !== url && problems.requests.push(r.url()));
  await page.goto(url + query + hash);
  return { page, problems };
}

function assertClean(problems) {
  assert.deepEqual(problems.console, [], 'no console errors (a CSP violation is one)');
  assert.deepEqual(problems.dialogs, [], 'no dialogs');
  assert.deepEqual(problems.requests, [], 'no network: the page loads nothing');
}

const visibleRows = (page) =>
  page.$$eval('tbody > tr', (rows) => rows.filter((r) => r.checkVisibility()).map((r) => r.id));

const visibleText = (page, selector) =>
  page.$eval(selector, (el) =>
    Array.from(el.querySelectorAll(':scope > [data-l]'))
      .filter((s) => s.checkVisibility())
      .map((s) => s.textContent)
      .join(''),
  );

async function search(page, text) {
  await page.fill('#search', '');
  await page.locator('#search').pressSequentially(text);
}

test('the page loads with no console errors, runs its script and loads nothing', async () => {
  const { page, problems } = await open(realPage);
  assert.equal(await page.isVisible('#search'), true, 'the script ran (its CSP hash matches)');
  assert.equal((await visibleRows(page)).length, CODES);
  await page.screenshot({ path: path.join(out, 'errors-page.png'), fullPage: true });
  assertClean(problems);
  await page.close();
});

test('typing EXPIRED leaves exactly the matching rows', async () => {
  const { page, problems } = await open(realPage);
  await search(page, 'EXPIRED');
  // ERR_QR_EXPIRED by its code (and message), ERR_UNAUTHORIZED by its message
  // ("The access token is missing or has expired.").
  assert.deepEqual(await visibleRows(page), ['ERR_QR_EXPIRED', 'ERR_UNAUTHORIZED']);
  assert.deepEqual(
    await page.$$eval('section', (s) => s.filter((x) => x.checkVisibility()).map((x) => x.querySelector('h2').id)),
    ['category-qr', 'category-auth'],
    'categories without a match are hidden',
  );
  await page.screenshot({ path: path.join(out, 'errors-page-search.png') });

  await search(page, '410');
  assert.deepEqual(await visibleRows(page), ['ERR_QR_EXPIRED'], 'by status');
  await search(page, 'gateway');
  assert.deepEqual(await visibleRows(page), ['ERR_NETWORK_TIMEOUT'], 'by reason phrase');
  await search(page, 'qr expired');
  assert.deepEqual(await visibleRows(page), ['ERR_QR_EXPIRED'], '`_` reads as a space');
  await search(page, 'zzz-no-such-code');
  assert.deepEqual(await visibleRows(page), []);
  assert.equal(await page.isVisible('#no-match'), true);
  await page.fill('#search', '');
  assert.equal((await visibleRows(page)).length, CODES);
  assert.equal(await page.isVisible('#no-match'), false);
  assertClean(problems);
  await page.close();
});

test('the language switch shows Spanish, and search follows it', async () => {
  const { page, problems } = await open(realPage);
  assert.equal(await visibleText(page, 'h1'), 'Flux error codes');
  await page.selectOption('#locale', 'es');
  assert.equal(await visibleText(page, 'h1'), 'Códigos de error de Flux');
  assert.equal(await page.title(), 'Códigos de error de Flux');
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.equal(await visibleText(page, '#ERR_QR_EXPIRED td.message'), 'El código QR venció.');
  assert.equal(await visibleText(page, '#category-qr'), 'Errores de QR');
  assert.equal(await visibleText(page, 'thead th'), 'Código');
  assert.equal(await visibleText(page, 'label[for=search]'), 'Buscar por código, mensaje o estado');
  await search(page, 'venc');
  assert.deepEqual(await visibleRows(page), ['ERR_QR_EXPIRED', 'ERR_UNAUTHORIZED']);
  await page.fill('#search', '');
  await page.screenshot({ path: path.join(out, 'errors-page-es.png') });
  await page.selectOption('#locale', 'en');
  assert.equal(await visibleText(page, '#ERR_QR_EXPIRED td.message'), 'The QR code has expired.');
  assertClean(problems);
  await page.close();

  const linked = await open(realPage, { query: '?lang=es' });
  assert.equal(await visibleText(linked.page, 'h1'), 'Códigos de error de Flux', '?lang=es');
  assertClean(linked.problems);
  await linked.page.close();
});

test('every code has its anchor, and the docs link lands on its row', async () => {
  const { page, problems } = await open(realPage, { hash: '#ERR_MAX_AMOUNT_EXCEEDED' });
  assert.equal(await page.$eval(':target', (el) => el.id), 'ERR_MAX_AMOUNT_EXCEEDED');
  assert.equal(await page.$$eval('tbody > tr[id^="ERR_"]', (rows) => rows.length), CODES);
  assertClean(problems);
  await page.close();
});

test('the page is accessible: labelled controls, table headers, text contrast', async () => {
  const { page, problems } = await open(realPage);
  for (const control of ['#search', '#locale']) {
    const label = await page.$eval(control, (el) => el.labels[0]?.textContent.trim() ?? '');
    assert.notEqual(label, '', `${control} has a label`);
  }
  assert.equal(await page.$$eval('thead th:not([scope=col])', (t) => t.length), 0);
  assert.equal(await page.$$eval('tbody th:not([scope=row])', (t) => t.length), 0);
  for (const locale of ['en', 'es']) {
    await page.selectOption('#locale', locale);
    assert.deepEqual(await page.evaluate(contrastFailures), [], `WCAG AA contrast (${locale})`);
  }
  assertClean(problems);
  await page.close();
});

test('on a phone the rows become labelled cards that fit the screen; print hides the controls', async () => {
  for (const file of [realPage, adversarialPage]) {
    const { page, problems } = await open(file);
    await page.setViewportSize({ width: 375, height: 800 });
    assert.equal(await page.isVisible('thead'), false);
    assert.equal(await page.locator('tbody td.message .label').first().isVisible(), true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
    if (file === realPage) {
      await page.goto(pathToFileURL(file).href + '#ERR_QR_UNKNOWN');
      await page.screenshot({ path: path.join(out, 'errors-page-phone.png') });
    }
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('.controls'), false);
    assert.equal(await page.isVisible('main'), true);
    assertClean(problems);
    await page.close();
  }
});

/**
 * Words the browser broke across two lines: for every visible word of the page's text (the ICU
 * sources excepted: code, shown on demand, that may wrap anywhere), the lines its glyphs sit
 * on, from the word's client rectangles.
 */
function brokenWords() {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el.closest('code.icu') || !el.checkVisibility()) continue;
    // A hyphenated word (Portuguese `aceitá-lo`, `e-mail`) may break after its hyphen, as UAX #14
    // and every typesetter allow: its parts count as words. A break anywhere else is a broken word.
    for (const word of node.textContent.matchAll(/[^\s\-\u2010]+[\-\u2010]?|[\-\u2010]/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set(
        Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => Math.round(r.top + r.height / 2)),
      );
      if (lines.size > 1) broken.push(`${word[0]} (${el.closest('tr')?.id ?? el.tagName})`);
    }
  }
  return broken;
}

/** The status, gRPC and code names that take more than one line, as "text: lines". */
function namesOnSeveralLines() {
  const several = [];
  for (const el of document.querySelectorAll('td.status, td.grpc code, tbody th code')) {
    if (!el.checkVisibility()) continue;
    // A status cell holds its (hidden on a wide screen) label first; the status is its last node.
    const range = document.createRange();
    range.selectNodeContents(el.matches('td') ? el.lastChild : el);
    const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top + r.height / 2)));
    if (lines.size !== 1) several.push(`${range.toString()}: ${lines.size}`);
  }
  return several;
}

test('no word is broken across lines, at 1280 px and at 390 px, in every language', async () => {
  const { page, problems } = await open(realPage);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const locale of ['en', 'es', 'pt-BR']) {
      await page.selectOption('#locale', locale);
      assert.deepEqual(await page.evaluate(brokenWords), [], `words broken at ${width} px (${locale})`);
      assert.deepEqual(await page.evaluate(namesOnSeveralLines), [], `one line each at ${width} px (${locale})`);
    }
    await page.selectOption('#locale', 'en');
    await page.goto(pathToFileURL(realPage).href + '#ERR_QR_DISABLED');
    await page.screenshot({ path: path.join(out, `errors-page-${width}.png`) });
  }
  assertClean(problems);
  await page.close();
});

test('a detail reads as example sentences, its ICU source on demand', async () => {
  const { page, problems } = await open(realPage);
  const examples = (id) =>
    page.$$eval(`#${id} td.detail > [data-l]:not([hidden]) .examples li`, (items) =>
      items.map((li) => li.textContent));
  // flux-codes: allow-start (codes of codes.toml, by their row ids)
  assert.deepEqual(await examples('ERR_PIN_ATTEMPTS_EXCEEDED'), [
    'attempts_left = 0 No attempts are left; the payment method is locked.',
    'attempts_left = 1 Only 1 attempt is left before the payment method is locked.',
    'attempts_left = 2 2 attempts are left before the payment method is locked.',
  ]);
  assert.deepEqual(await examples('ERR_MAX_AMOUNT_EXCEEDED'), [
    'max_amount = 1234.5 The maximum amount for this payment is 1,234.5.',
  ]);
  const source = '#ERR_PIN_ATTEMPTS_EXCEEDED td.detail > [data-l]:not([hidden]) code.icu';
  assert.equal(await page.isVisible(source), false, 'the ICU source is folded away');
  await page.click('#ERR_PIN_ATTEMPTS_EXCEEDED td.detail > [data-l]:not([hidden]) summary');
  assert.equal(await page.isVisible(source), true, 'and opens on demand');
  assert.match(await page.textContent(source), /^\{attempts_left, plural, =0 \{No attempts/);
  // Spanish: one more example, for CLDR `many` (1000000), rendered as the API answers.
  await page.selectOption('#locale', 'es');
  const spanish = await examples('ERR_PIN_ATTEMPTS_EXCEEDED');
  assert.equal(spanish.length, 4);
  assert.equal(
    spanish[3],
    'attempts_left = 1000000 Quedan 1.000.000 de intentos antes de que se bloquee el medio de pago.',
  );
  await page.screenshot({ path: path.join(out, 'errors-page-detail-es.png') });
  // flux-codes: allow-end
  assertClean(problems);
  await page.close();
});

/** axe-core's violations of WCAG 2 A/AA (2.0 to 2.2) and its best practices, as "rule: nodes". */
async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

test('axe-core finds no WCAG 2 A/AA or best-practice violation, in any language or width', async () => {
  for (const file of [realPage, adversarialPage]) {
    const { page, problems } = await open(file);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const locale of await page.$$eval('#locale option', (o) => o.map((x) => x.value))) {
        await page.selectOption('#locale', locale);
        // With every ICU source shown, so what opens on demand is checked too.
        await page.$$eval('details', (all) => all.forEach((d) => { d.open = true; }));
        assert.deepEqual(await axeViolations(page), [], `${path.basename(file)} at ${width} px (${locale})`);
      }
    }
    assertClean(problems);
    await page.close();
  }
});

// flux-codes: allow-start (the adversarial fixture catalogs' codes)
test('a hostile catalog runs nothing and shows its texts literally', async () => {
  const { page, problems } = await open(adversarialPage);
  const message = '<img src=x onerror="window.__pwned = 1; alert(1)">';
  assert.equal(await visibleText(page, '#ERR_HTML td.message'), message);
  for (const locale of ['es', 'ja', 'en']) {
    await page.selectOption('#locale', locale);
    await search(page, locale === 'ja' ? 'svg' : 'img');
    assert.deepEqual(await visibleRows(page), ['ERR_HTML'], `search in ${locale}`);
    await page.fill('#search', '');
  }
  await page.selectOption('#locale', 'ja');
  assert.equal(await visibleText(page, 'label[for=locale]'), 'Language', 'ja falls back to English');
  assert.equal(await visibleText(page, '#ERR_NON_LATIN td.message'), 'QRコードの有効期限が切れました。');
  await page.selectOption('#locale', 'en');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no catalog script ran');
  assert.equal(
    await page.$$eval('main img, main svg, main iframe, main textarea, main b, main i, main style', (e) => e.length),
    0,
    'no element from catalog text',
  );
  assert.equal(await page.$$eval('script', (s) => s.length), 1);
  await page.screenshot({ path: path.join(out, 'errors-page-adversarial.png'), fullPage: true });
  assertClean(problems);
  await page.close();
});

test('every hostile page runs nothing in any of its languages', async () => {
  for (const file of hostilePages) {
    const { page, problems } = await open(file);
    const locales = await page.$$eval('#locale option', (options) => options.map((o) => o.value));
    assert.ok(locales.length >= 2, file);
    for (const locale of locales) {
      await page.selectOption('#locale', locale);
      assert.equal(await page.getAttribute('html', 'lang'), locale);
      const shown = await page.$$eval('tbody td.message > [data-l]', (spans) =>
        spans.filter((s) => s.checkVisibility()).map((s) => s.dataset.l));
      assert.ok(shown.length > 0 && shown.every((l) => l === locale), `${file}: only ${locale} shows`);
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined, file);
    assert.equal(
      await page.$$eval('main img, main svg, main iframe, main textarea, main b, main i, main style', (e) => e.length),
      0,
      `${file}: no element from catalog text`,
    );
    assert.equal(await page.$$eval('script', (s) => s.length), 1);
    assertClean(problems);
    await page.close();
  }
});
// flux-codes: allow-end

/** Text whose contrast with its background is below WCAG AA (4.5:1), as "ratio text". */
function contrastFailures() {
  const rgba = (color) => {
    const [r, g, b, a = 1] = color.match(/[\d.]+/g).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const linear = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const color = rgba(getComputedStyle(el).backgroundColor);
      if (color.a > 0) return color;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility()) continue;
    const [light, dark] = [luminance(rgba(getComputedStyle(el).color)), luminance(background(el))]
      .sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    if (ratio < 4.5) failures.push(`${ratio.toFixed(2)} ${node.textContent.trim().slice(0, 40)}`);
  }
  return failures;
}
