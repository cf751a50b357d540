// Browser tests (DESIGN P2, P4): Debian's Chromium driven by playwright-core, headless, against
// the real `hover serve` with the demo data. Run by ctest (tests/CMakeLists.txt) as
//   node --test tests/browser/
// with HOVER_BINARY (the hover program) and HOVER_TEST_OUTPUT (where screenshots go) set.
// No browser is downloaded: CHROMIUM (default: `command -v chromium`) is used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

const hover = process.env.HOVER_BINARY;
const output = process.env.HOVER_TEST_OUTPUT ?? join(process.cwd(), 'test-output', 'browser');
const chromiumPath = process.env.CHROMIUM ?? execFileSync('sh', ['-c', 'command -v chromium']).toString().trim();
const PHONE = { width: 390, height: 844 };

let dir, server, base, context;
const consoleErrors = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

async function waitForHealth(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`hover serve did not answer ${url} within ${ms} ms`);
}

before(async () => {
  assert.ok(hover, 'set HOVER_BINARY to the hover program');
  dir = mkdtempSync(join(tmpdir(), 'hover-browser-'));
  mkdirSync(output, { recursive: true });
  const db = join(dir, 'hover.db');
  execFileSync(hover, ['demo', '--db', db, '--as-of', '2026-11-20'], { stdio: 'ignore' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(hover, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  await waitForHealth(`${base}/healthz`, 30000);
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: PHONE,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  if (server) { server.kill('SIGTERM'); await new Promise((r) => server.once('exit', r)); }
  if (dir) rmSync(dir, { recursive: true, force: true });
  // Pages must not break their own Content-Security-Policy (no inline script or style).
  assert.deepEqual(consoleErrors, []);
});

async function newPage() {
  const page = await context.newPage();
  // Error statuses are expected in these tests (403, 422...); anything else is not, above all
  // Content-Security-Policy violations.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

async function signIn(page, email, password) {
  await context.clearCookies();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The home page is the day's agenda (F4); the tests start from the accounts list.
  await page.waitForURL(`${base}/`);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.goto(`${base}/accounts`);
}

const shot = (page, name) => page.screenshot({ path: join(output, `${name}-390x844.png`), fullPage: true });

test('every role signs in; only admins and managers see Users', async () => {
  const page = await newPage();
  await page.goto(`${base}/login`);
  await shot(page, 'sign-in');
  for (const [email, password, manages] of [
    ['wade@reddirt.example', 'demo-admin-2026', true],
    ['darlene@reddirt.example', 'demo-manager-2026', true],
    ['dale@reddirt.example', 'demo-tech-2026', false],
  ]) {
    await signIn(page, email, password);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Accounts' }).waitFor());
    assert.equal(await page.getByRole('link', { name: 'Users' }).count(), manages ? 1 : 0, email);
    const users = await page.goto(`${base}/users`);
    assert.equal(users.status(), manages ? 200 : 403, email);
  }
  await context.clearCookies();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill('wrong@reddirt.example');
  await page.getByLabel('Password').fill('demo-tech-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[role=alert]').waitFor();
  assert.match(await page.locator('[role=alert]').innerText(), /email|password/i);
  await page.close();
});

test('search finds an account by name and by phone number', async () => {
  const page = await newPage();
  await signIn(page, 'rosa@reddirt.example', 'demo-tech-2026');
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Search everything').fill('Prairie');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: /Prairie Feed & Seed/ }).first().waitFor();
  await shot(page, 'search');
  await page.getByLabel('Search everything').fill('580 555 0100');
  await page.keyboard.press('Enter');
  await page.getByText(/Prairie Feed & Seed/).first().waitFor();
  await page.goto(`${base}/accounts`);
  await shot(page, 'accounts');
  await page.getByLabel('Account name starts with').fill('Red F');
  // htmx replaces the list as you type (no page load).
  await page.waitForFunction(() => document.querySelectorAll('#account-list li').length === 1);
  assert.match(await page.locator('#account-list').innerText(), /Red Fork Trucking/);
  assert.match(page.url(), /q=Red/);
  await page.close();
});

test('create an account with a site and a contact, then log a call in three taps on a phone', async () => {
  const page = await newPage();
  await signIn(page, 'dale@reddirt.example', 'demo-tech-2026');
  await page.getByRole('button', { name: 'New account' }).click();
  await page.getByLabel('Name').fill('Sooner Sprinkler Supply');
  await page.getByLabel('Status').selectOption('prospect');
  await page.getByLabel('Region').fill('OKC metro');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: /Sooner Sprinkler Supply/ }).waitFor();
  assert.match(await page.locator('.flash').innerText(), /Saved/);

  await page.getByRole('link', { name: 'Add site' }).click();
  await page.getByLabel('Site name').fill('Main yard');
  await page.getByLabel('City').fill('Moore');
  await page.getByLabel('In tornado alley').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Main yard').waitFor();
  assert.match(await page.locator('.hazards').first().innerText(), /Tornado alley/);

  await page.locator('section[aria-labelledby=people]').getByRole('link', { name: /Add/ }).first().click();
  await page.getByLabel('First name').fill('Jolene');
  await page.getByLabel('Last name').fill('Harjo');
  await page.getByLabel('Role at this account').fill('Office manager');
  await page.getByLabel('Phone 1 label').fill('desk');
  await page.getByLabel('Phone 1 number').fill('405-555-0188');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Jolene Harjo').waitFor();
  assert.equal(await page.locator('a[href="tel:+14055550188"]').count(), 1);
  await shot(page, 'account-new');

  // On a phone: open the form, then who, outcome, save: three taps.
  await page.getByRole('button', { name: 'Log a call or visit' }).click();
  await shot(page, 'log-call');
  await page.getByText('Jolene Harjo').click();
  await page.getByText('Voicemail', { exact: true }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#timeline').waitFor();
  const timeline = await page.locator('.timeline').innerText();
  assert.match(timeline, /Call · Voicemail · Jolene Harjo/);
  assert.match(await page.locator('.flash').innerText(), /Logged/);
  await page.close();
});

test('a form with a bad value shows the error by the field and keeps the input', async () => {
  const page = await newPage();
  await signIn(page, 'dale@reddirt.example', 'demo-tech-2026');
  await page.goto(`${base}/accounts/new`);
  await page.getByLabel('Name').fill('Kept Name Co');
  await page.getByLabel(/replace their system/).fill('someday');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#f-next_refresh_year-error').waitFor();
  assert.equal(await page.getByLabel('Name').inputValue(), 'Kept Name Co');
  assert.equal(await page.getByLabel(/replace their system/).inputValue(), 'someday');
  await page.close();
});

test('a name containing <script> renders as text', async () => {
  const page = await newPage();
  await signIn(page, 'dale@reddirt.example', 'demo-tech-2026');
  await page.goto(`${base}/accounts/new`);
  const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">Evil Co';
  await page.getByLabel('Name').fill(evil);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('h1').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.match(await page.locator('h1').innerText(), /<script>window.__pwned = 1<\/script>/);
  await page.goto(`${base}/accounts?q=%3Cscript`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
});

test('a form posted without its CSRF token is refused', async () => {
  const page = await newPage();
  await signIn(page, 'dale@reddirt.example', 'demo-tech-2026');
  await page.goto(`${base}/accounts/1`);
  await shot(page, 'account');
  // The same browser session (its cookie), but no token: what a forged cross-site form sends.
  const forged = await page.request.post(`${base}/accounts/1/notes`, { form: { body: 'forged note' }, maxRedirects: 0 });
  assert.equal(forged.status(), 403);
  // With the page's own token it works.
  const token = await page.locator('input[name=csrf_token]').first().inputValue();
  const real = await page.request.post(`${base}/accounts/1/notes`, { form: { body: 'real note', csrf_token: token }, maxRedirects: 0 });
  assert.equal(real.status(), 303);
  await page.reload();
  const notes = await page.locator('section[aria-labelledby=notes]').innerText();
  assert.match(notes, /real note/);
  assert.doesNotMatch(notes, /forged note/);
  await page.close();
});

// REQ: F1, F2, F4
test('the agenda explains itself; a refused plan is overridden; closing plans the next step', async () => {
  const page = await newPage();
  await signIn(page, 'dale@reddirt.example', 'demo-tech-2026');
  await page.goto(`${base}/`);
  await shot(page, 'agenda');
  assert.match(await page.locator('ol.agenda .why').first().innerText(), /^Why: /);
  // An account with a follow-up on the agenda.
  await page.locator('ol.agenda li.overdue_followup a, ol.agenda li.due_followup a').first().click();
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await page.getByLabel('Due on').fill('2026-11-28');  // a Saturday: a quiet day
  await page.getByLabel(/^Why/).fill('Bring the quote for the paging upgrade');
  await page.getByRole('button', { name: 'Plan it' }).click();
  const refusal = await page.locator('main').innerText();
  assert.match(refusal, /Saturday is a quiet day/);
  assert.match(refusal, /First allowed: \d{4}-\d{2}-\d{2}/);
  await shot(page, 'policy-refusal');
  await page.getByLabel(/Override the contact policy/).fill('The owner is only in on Saturdays');
  await page.getByRole('button', { name: 'Plan it' }).click();
  await page.getByText('policy overridden').first().waitFor();
  await page.getByRole('link', { name: 'Close with the next step' }).first().click();
  await page.getByLabel('What came of it').fill('Happy with the new handsets');
  await page.getByLabel('Due on').fill('2027-01-11');
  await page.getByLabel(/^Why/).fill('Ask about the budget for the PBX refresh');
  await shot(page, 'close-followup');
  await page.getByRole('button', { name: 'Close and plan' }).click();
  await page.getByText('Ask about the budget for the PBX refresh').waitFor();
  assert.equal(consoleErrors.length, 0, consoleErrors.join('\n'));
});

test('a site survey asks one thing per screen on a phone; the Me page makes a calendar address', async () => {
  const page = await newPage();
  await signIn(page, 'dale@reddirt.example', 'demo-tech-2026');
  // A demo customer with sites (earlier tests add accounts that have none).
  await page.getByLabel('Account name starts with').fill('Prairie');
  await page.waitForFunction(() => document.querySelectorAll('#account-list li').length === 1);
  await page.locator('#account-list a').first().click();
  await page.getByRole('link', { name: 'Survey this site' }).first().click();
  await page.waitForURL(/\/sites\/\d+\/survey/);
  const first = await page.locator('main').innerText();
  if (/\d+ of \d+ known/.test(first)) {
    // One answer field per screen, with Save and next and Skip.
    assert.equal(await page.locator('form.survey').locator('input:not([type=hidden]), select, textarea').count(), 1);
    await shot(page, 'site-survey');
    await page.getByRole('link', { name: 'Skip' }).click();
    assert.match(await page.locator('main').innerText(), /\d+ of \d+ known|Site known: \d+%/);
  } else {
    assert.match(first, /Site known: \d+%/);
    await shot(page, 'site-survey');
  }
  // F5: the calendar address is shown once; the feed needs no session.
  await page.goto(`${base}/me`);
  await page.getByRole('button', { name: /Create my calendar address|Replace the address/ }).click();
  const address = (await page.locator('article.secret code').innerText()).trim();
  assert.match(address, /\/calendar\/hcal_[A-Za-z0-9_-]{43}\.ics$/);
  await shot(page, 'calendar-feed');
  const feed = await fetch(address);
  assert.equal(feed.status, 200);
  assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.match(await feed.text(), /^BEGIN:VCALENDAR\r\n/);
  await page.close();
});

test('the manager counts hover gaps and policy overrides, and sets the contact policy', async () => {
  const page = await newPage();
  await signIn(page, 'darlene@reddirt.example', 'demo-manager-2026');
  await page.getByRole('link', { name: 'Gaps', exact: true }).click();
  await page.getByRole('heading', { name: 'Hover gaps' }).waitFor();
  const gaps = await page.locator('main').innerText();
  assert.match(gaps, /\d+ hover gaps? in the organisation/);
  assert.match(gaps, /follow-ups? planned against the contact policy/);
  assert.match(gaps, /Why: The owner asked us to call back tomorrow about the quote/);  // the demo's override
  assert.ok(await page.getByRole('link', { name: 'Plan the next step' }).count() >= 1);
  await shot(page, 'hover-gaps');
  // Organisation defaults: the quiet days are ticks, the quiet hours are times.
  await page.getByRole('link', { name: 'Policy', exact: true }).click();
  await page.getByRole('heading', { name: /organisation defaults/ }).waitFor();
  await page.getByLabel('Minimum days between touches').fill('2');
  await page.getByLabel('Set the quiet days here').check();
  await page.getByLabel('Sunday').check();
  await page.getByLabel('Quiet from').fill('19:00');
  await page.getByLabel('Quiet until').fill('07:30');
  await shot(page, 'policy-defaults');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Hover gaps' }).waitFor();
  // An account's override, from the account page; a bad value is shown by its field.
  await page.goto(`${base}/accounts`);
  await page.locator('main a[href^="/accounts/"]').filter({ hasNotText: 'New' }).first().click();
  await page.getByRole('link', { name: 'Contact policy' }).first().click();
  await page.getByLabel('Time zone').fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.match(await page.locator('#f-time_zone-error').innerText(), /not a time zone/);
  await page.getByLabel('Time zone').fill('America/Denver');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  assert.equal(consoleErrors.length, 0, consoleErrors.join('\n'));
});

// REQ: B2, B4 (the refund claim on the agenda; verifying lines on site with one tap on a phone)
test('a refund claim is on the agenda; a line is verified on site with one tap', async () => {
  const page = await newPage();
  let found = false;
  for (const email of ['dale@reddirt.example', 'rosa@reddirt.example', 'tyler@reddirt.example']) {
    await signIn(page, email, 'demo-tech-2026');
    await page.goto(`${base}/`);
    if (await page.locator('ol.agenda li.refund_claim').count() > 0) { found = true; break; }
  }
  assert.ok(found, 'a technician of a reviewed demo account has a refund claim on the agenda');
  const claim = page.locator('ol.agenda li.refund_claim').first();
  assert.match(await claim.innerText(), /Call about the refund claim: \$[\d,]+\.\d\d across \d+ lines/);
  await claim.locator('a').click();
  await page.locator('#billing-review').waitFor();
  await page.getByRole('link', { name: 'Verify lines on site' }).first().click();
  await page.locator('ol.verify-list').waitFor();
  await shot(page, 'verify-lines');
  // The numbers billed but not found on site are listed to look for, with their last result.
  assert.match(await page.locator('ol.verify-list').innerText(), /On the bill/);
  const row = page.locator('li.verify-row').first();
  const id = await row.getAttribute('id');
  await row.getByRole('button', { name: 'Not in use' }).click();
  await page.locator(`#${id} .verify-last`).getByText('Not in use').waitFor();
  assert.match(await page.locator(`#${id} .verify-last`).innerText(), /Last: Not in use .* UTC by /);
  assert.equal(new URL(page.url()).pathname.endsWith('/verify'), true);  // htmx: no page change
  await shot(page, 'verify-tapped');
  assert.equal(consoleErrors.length, 0, consoleErrors.join('\n'));
  await page.close();
});

// REQ: R8 (a preview step in the web app, then an all-or-nothing import)
test('a manager uploads a CSV, sees the preview with an error, fixes the mapping and imports', async () => {
  const page = await newPage();
  await signIn(page, 'darlene@reddirt.example', 'demo-manager-2026');
  await page.getByRole('link', { name: 'Import' }).click();
  // The demo has a saved mapping for contacts.
  assert.match(await page.getByLabel(/Saved column mapping/).innerText(), /Outlook contacts export/);
  await shot(page, 'import');
  // A file over 16 MiB is stopped in the page, with what to do instead.
  await page.getByLabel(/^File/).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(17 * 1024 * 1024, 'a') });
  await page.locator('#file-too-large').waitFor();
  await page.getByRole('button', { name: 'Preview' }).click();
  assert.match(page.url(), /\/import$/);
  assert.match(await page.locator('#file-too-large').innerText(), /hover import/);
  await page.getByLabel('What the file holds').selectOption('accounts');
  const csv = 'name,annual_revenue\r\nUploaded Bakery,1200\r\nUploaded Garage,lots\r\n';
  await page.getByLabel(/^File/).setInputFiles({ name: 'new-accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: /Errors \(1\)/ }).waitFor();
  const errors = await page.locator('ul.import-errors').innerText();
  assert.match(errors, /new-accounts\.csv row 3, column B \(annual_revenue\)/);
  assert.ok(await page.getByRole('button', { name: 'Import 2 rows' }).isDisabled());
  await shot(page, 'import-preview-error');
  // Leave the revenue column out and preview again: same upload, no re-upload.
  await page.getByLabel('Column B: annual_revenue').selectOption('');
  await page.getByRole('button', { name: 'Preview again' }).click();
  await page.getByRole('heading', { name: 'First rows' }).waitFor();
  assert.equal(await page.locator('tr.import-error').count(), 0);
  assert.match(await page.locator('section[aria-labelledby=rows]').innerText(), /Uploaded Garage/);
  await shot(page, 'import-preview');
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.locator('#import-done').waitFor();
  assert.match(await page.locator('#import-done').innerText(), /Imported 2 rows from new-accounts\.csv in [\d.]+ s: 2 created/);
  await shot(page, 'import-done');
  await page.getByRole('link', { name: 'Go to the accounts' }).click();
  await page.getByLabel('Account name starts with').fill('Uploaded');
  await page.waitForFunction(() => document.querySelectorAll('#account-list li').length === 2);
  await page.close();
});
