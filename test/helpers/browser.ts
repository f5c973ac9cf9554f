/**
 * Browser journeys: the app on a fresh SQLite database with the demo seeded, listening on a real
 * port, and a real Chromium driven by playwright-core. Every page a journey visits goes through
 * expectAccessiblePage: axe against WCAG 2.2 AA, no console errors, and a screenshot for review.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { Config } from '../../src/config.ts';
import type { Container } from '../../src/container.ts';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { seedDemo } from '../../src/modules/governance/index.ts';
import { build } from './build.ts';

/** Where Chromium is; CHROMIUM_PATH may point elsewhere on a developer's machine. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// WCAG 2.0–2.2 A and AA, and axe's best practices: `region` (content outside every landmark) is one of those.
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
export const screenshotDir = join(import.meta.dirname, '..', '..', 'test-results');

/**
 * Options for the journey's describe(): skipped where there is no Chromium, unless REQUIRE_BROWSER=1
 * says it must run (CI), in which case startBrowserSession fails loudly instead.
 */
export function browserTestOptions(): { skip?: string } {
  if (existsSync(chromiumPath) || process.env.REQUIRE_BROWSER === '1') return {};
  return { skip: `Chromium is not installed at ${chromiumPath} (set REQUIRE_BROWSER=1 to make this a failure)` };
}

export interface Account {
  name: string;
  email: string;
  password: string;
}

export interface BrowserSession {
  baseUrl: string;
  app: FastifyInstance;
  container: Container;
  /** Demo partnership ids by demo key, e.g. 'coventry'. */
  partnerships: ReadonlyMap<string, string>;
  /** Coventry's officer, analyst and board member, and an administrator. */
  accounts: { officer: Account; analyst: Account; member: Account; admin: Account };
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /**
   * A page in a fresh browser context, with no cookies: someone not signed in, following a link from an e-mail.
   * Watched for problems as `page` is; pass it to expectAccessiblePage. Closed with the session.
   */
  visitorPage(): Promise<Page>;
  /**
   * Waits for GOV.UK and MoJ Frontend to have initialised, runs axe on the page (`page`, unless another is given),
   * checks nothing went wrong in the console, and saves a screenshot.
   */
  expectAccessiblePage(name: string, on?: Page): Promise<void>;
  /**
   * expectAccessiblePage on the page, then on each state its components can show: each radio or checkbox that
   * reveals a follow-up question chosen in turn, every details element open, each sortable table sorted, and
   * (with `errors`) the page a form answers when sent empty, with its error summary. Leaves the page as it was
   * loaded. Returns how many scans it made.
   */
  expectAccessibleStates(name: string, options?: { errors?: boolean }): Promise<number>;
  close(): Promise<void>;
}

export interface BrowserSessionOptions {
  /** Settings over the test ones: an SMTP server to send to, or the session's own address (ownAddress()). */
  config?: Partial<Config>;
}

/**
 * A free port on 127.0.0.1, as the settings of an app that must know its own address before it listens: the links
 * it e-mails and the address a sign-in provider sends the browser back to then reach it.
 */
export async function ownAddress(): Promise<Pick<Config, 'port' | 'publicUrl'>> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { port, publicUrl: `http://127.0.0.1:${port}` };
}

/** `name` prefixes the screenshots, so that each test file keeps its own. */
export async function startBrowserSession(name: string, options: BrowserSessionOptions = {}): Promise<BrowserSession> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`REQUIRE_BROWSER=1 but Chromium is not installed at ${chromiumPath}; the browser journeys cannot run`);
  }
  const closers: (() => Promise<unknown>)[] = [];
  const { app, container } = await build(
    { after: (close) => void closers.push(close) },
    { seed: false, as: 'nobody', config: options.config },
  );
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const partnerships = await seedDemo(container.governance);
    const coventryId = partnerships.get('coventry');
    if (!coventryId) throw new Error('The demo has no partnership with key coventry');
    const officer: Account = { name: 'Olivia Officer', email: 'officer@coventry.example', password: 'a long officer password' };
    const admin: Account = { name: 'Ada Administrator', email: 'admin@example.com', password: 'a long admin password' };
    const officerId = await container.accounts.createUser(systemPrincipal, { ...officer, isAdmin: false });
    await container.accounts.grantRole(systemPrincipal, officerId, 'officer', { partnershipId: coventryId, areaId: null });
    const analyst: Account = { name: 'Anil Analyst', email: 'analyst@coventry.example', password: 'a long analyst password' };
    const member: Account = { name: 'Mary Member', email: 'member@coventry.example', password: 'a long member password' };
    for (const [account, role] of [
      [analyst, 'analyst'],
      [member, 'member'],
    ] as const) {
      const userId = await container.accounts.createUser(systemPrincipal, { ...account, isAdmin: false });
      await container.accounts.grantRole(systemPrincipal, userId, role, { partnershipId: coventryId, areaId: null });
    }
    await container.accounts.createUser(systemPrincipal, { ...admin, isAdmin: true });

    const baseUrl = await app.listen({ port: options.config?.port ?? 0, host: '127.0.0.1' });
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    closers.push(() => browser.close());
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();

    // Anything the browser complains about (a script refused by the CSP, a missing asset) fails the page.
    // A page itself may answer 400 (a form with errors); a server error or a failing asset may not.
    const problems: string[] = [];
    const watch = (watched: Page) => {
      watched.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          problems.push(`console: ${message.text()}`);
      });
      watched.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      watched.on('response', (response) => {
        const isPage = response.request().isNavigationRequest();
        if (response.status() >= 500 || (!isPage && response.status() >= 400)) problems.push(`${response.status()} from ${response.url()}`);
      });
      // ERR_ABORTED is a request cut short by the next navigation, which is normal.
      watched.on('requestfailed', (request) => {
        const error = request.failure()?.errorText ?? 'failed';
        if (!request.isNavigationRequest() && error !== 'net::ERR_ABORTED') problems.push(`${error}: ${request.url()}`);
      });
    };
    watch(page);

    async function visitorPage(): Promise<Page> {
      const fresh = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
      const visitor = await fresh.newPage();
      watch(visitor);
      return visitor;
    }

    mkdirSync(screenshotDir, { recursive: true });
    let screenshots = 0;

    const prefix = name;
    async function expectAccessiblePage(pageName: string, on: Page = page): Promise<void> {
      await enhanced(on);
      // A page without frames is scanned by axe.run in the page itself. The default runs axe in each frame and then
      // again in a blank page it opens to merge the frames' results: a third more time a scan, for nothing more.
      const frameless = on.frames().length === 1;
      const results = await new AxeBuilder({ page: on }).withTags(axeTags).setLegacyMode(frameless).analyze();
      screenshots += 1;
      const file = join(screenshotDir, `${prefix}-${String(screenshots).padStart(2, '0')}-${pageName}.png`);
      await on.screenshot({ path: file, fullPage: true });
      const violations = results.violations.map(
        (v) =>
          `- ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n    ${v.helpUrl}\n    on ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      assert.equal(
        violations.length,
        0,
        `${pageName} (${on.url()}) has accessibility violations:\n${violations.join('\n')}\nScreenshot: ${file}`,
      );
      const seen = problems.splice(0);
      assert.deepEqual(seen, [], `${pageName} (${on.url()}) reported problems in the browser:\n${seen.join('\n')}`);
    }

    async function expectAccessibleStates(pageName: string, options: { errors?: boolean } = {}): Promise<number> {
      await expectAccessiblePage(pageName);
      const url = page.url();
      let scans = 1;
      let changed = false;
      const seen = new Set<string>();
      for (let round = 1; await revealNext(page, seen); round += 1) {
        changed = true;
        await expectAccessiblePage(`${pageName}-reveal-${round}`);
        scans += 1;
      }
      const closed = await page.locator('main details:not([open]) > summary').all();
      if (closed.length > 0) {
        for (const summary of closed) if (await summary.isVisible()) await summary.click();
        changed = true;
        await expectAccessiblePage(`${pageName}-details-open`);
        scans += 1;
      }
      for (const [index, table] of (await page.locator('[data-module="moj-sortable-table"]').all()).entries()) {
        await table.locator('thead button').first().click();
        changed = true;
        await expectAccessiblePage(`${pageName}-sorted-${index + 1}`);
        scans += 1;
      }
      if (options.errors && (await submitEmpty(page))) {
        changed = true;
        await expectAccessiblePage(`${pageName}-errors`);
        scans += 1;
      }
      if (changed) await page.goto(url);
      return scans;
    }

    return {
      baseUrl,
      app,
      container,
      partnerships,
      accounts: { officer, analyst, member, admin },
      browser,
      context,
      page,
      visitorPage,
      expectAccessiblePage,
      expectAccessibleStates,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Waits until the page has loaded and GOV.UK and MoJ Frontend have enhanced it: the GOV.UK template marks
 * <body> with govuk-frontend-supported, and src/web/public/init.js sets data-enhanced when its work is done.
 * (A string, because the tests are compiled without the DOM's types.)
 */
async function enhanced(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  try {
    await page.waitForFunction(
      "document.body.classList.contains('govuk-frontend-supported') && document.body.dataset.enhanced === 'true'",
      null,
      { timeout: 5000 },
    );
  } catch {
    assert.fail(`${page.url()}: GOV.UK Frontend did not finish initialising (no data-enhanced on <body>)`);
  }
}

/**
 * Chooses, in every set of radios or checkboxes on the page, the next option that reveals a follow-up question
 * (GOV.UK gives those aria-controls) and has not been chosen yet, so that each follow-up question is seen in
 * some round while independent sets (one per member on the attendance form) share their rounds. `seen` holds
 * the ids of the options already shown. False when none is left.
 */
async function revealNext(page: Page, seen: Set<string>): Promise<boolean> {
  const chosenSets = new Set<string>();
  for (const control of await page.locator('main :is(.govuk-radios__input, .govuk-checkboxes__input)[aria-controls]').all()) {
    const id = (await control.getAttribute('id')) ?? '';
    const set = (await control.getAttribute('name')) ?? id;
    if (seen.has(id) || chosenSets.has(set)) continue;
    if (await control.isChecked()) {
      seen.add(id);
    } else if (await control.isVisible()) {
      await control.check();
      seen.add(id);
      chosenSets.add(set);
    }
  }
  return chosenSets.size > 0;
}

/**
 * Sends the page's first form that asks for something with its text boxes and lists emptied, as a person
 * pressing its button without filling it in would. True when the page that came back shows an error summary;
 * a form that needs nothing has no error state to check.
 */
async function submitEmpty(page: Page): Promise<boolean> {
  const typed = 'input:not([type]), input:is([type="text"], [type="email"], [type="number"], [type="password"]), textarea';
  const form = page.locator(`main form:not([method="get" i]):has(${typed}, select, input[type="file"])`).first();
  if ((await form.count()) === 0) return false;
  for (const field of await form.locator(typed).all()) {
    if ((await field.isVisible()) && (await field.isEditable())) await field.fill('');
  }
  for (const list of await form.locator('select').all()) {
    if (await list.isVisible()) await list.selectOption({ index: 0 });
  }
  await Promise.all([page.waitForEvent('load'), form.locator('[type="submit"], button:not([type])').first().click()]);
  return (await page.locator('.govuk-error-summary').count()) > 0;
}

// Page objects: what a person does on a page, in their words.

export class SignInPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(): Promise<void> {
    await this.page.goto('/sign-in');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.locator('[data-qa="sign-in"]').click();
    await this.page.waitForLoadState('load');
  }

  /** One click on the header's "Sign out", with JavaScript on (the page that asks first is for browsers without it). */
  async signOut(): Promise<void> {
    await this.page.locator('body[data-enhanced="true"]').waitFor({ state: 'attached' });
    await this.page.locator('[data-qa="sign-out"]').click();
    await this.page.waitForURL(/\/sign-in\?signedOut=yes$/);
  }
}

/** The GOV.UK error summary and the inline error next to one field. */
export function errorSummary(page: Page): Locator {
  return page.locator('.govuk-error-summary');
}

export function inlineError(page: Page, fieldId: string): Locator {
  return page.locator(`#${fieldId}-error`);
}

/** Fills a GOV.UK date input by its legend. */
export async function fillDate(page: Page, legend: string, date: { day: string; month: string; year: string }): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(date.day);
  await group.getByLabel('Month').fill(date.month);
  await group.getByLabel('Year').fill(date.year);
}

/** The rows of a GOV.UK table as arrays of cell texts. */
export async function tableRows(table: Locator): Promise<string[][]> {
  // Read once the table is there: after a link is followed, not from the page the link was on.
  await table.first().waitFor({ state: 'attached' });
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('th, td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())),
  );
}

/** The rows of a GOV.UK summary list as key → value. */
export async function summaryOf(list: Locator): Promise<Map<string, string>> {
  const rows = await list.locator('.govuk-summary-list__row').all();
  const pairs = await Promise.all(
    rows.map(async (row) => {
      const key = (await row.locator('.govuk-summary-list__key').innerText()).trim();
      const value = (await row.locator('.govuk-summary-list__value').innerText()).replace(/\s+/g, ' ').trim();
      return [key, value] as const;
    }),
  );
  return new Map(pairs);
}

/** The first Thursday at least this many days from today (before it, when negative), as the database keeps it: boards meet on weekdays. */
export function thursdayAfter(days: number): string {
  const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  date.setUTCDate(date.getUTCDate() + ((4 - date.getUTCDay() + 7) % 7));
  return date.toISOString().slice(0, 10);
}
