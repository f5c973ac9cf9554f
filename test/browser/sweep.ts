/**
 * Every page of the service, as an administrator sees it with JavaScript running, through axe (WCAG 2.2 AA)
 * with a screenshot: as it opens, with each follow-up question revealed, its details open, its tables sorted,
 * and its first form sent empty. The journeys cover the main path; this covers the pages they do not reach.
 * The pages are shared between test files (`pages.accessibility.<n>.test.ts`), so that the browser suite runs
 * them side by side.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserSession, browserTestOptions, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { type RouteSampler, sampleRoutes } from '../helpers/routes.ts';

/** Pages that are not pages: files, JSON, and addresses that only redirect. */
const notPages = [
  /^\/assets\//,
  /^\/health$/,
  /\.(csv|docx|pdf|ics|json)$/,
  /\/papers\/:paperId$/,
  /\/documents\/:documentId$/,
  /\/files\/:file$/,
  /\/charts\/:chart$/,
  /^\/switch-partnership$/,
  /^\/sign-in$/,
  // A provider's answer, not a page: without the flow a browser started it refuses (the journey checks that page).
  /\/sign-in\/with\/:providerId\/callback$/,
  // A member's own interests: the administrator who walks here is no one, so has none (the My work journey visits them).
  /\/my-interests(\/new|\/:id\/(change|end))?$/,
];

/** Every `shards`th page from the `shard`th (0-based); the first shard also checks how a radio reveals a question. */
export function sweepPages(shard: number, shards: number): void {
  describe(`every page passes axe (part ${shard + 1} of ${shards})`, browserTestOptions(), () => {
    let session: BrowserSession;
    let routes: RouteSampler;

    before(async () => {
      session = await startBrowserSession(`pages-${shard + 1}`);
      const coventry = session.partnerships.get('coventry') ?? '';
      const [officer] = (await session.container.accounts.listUsers()).filter((user) => user.email === session.accounts.officer.email);
      assert.ok(officer);
      const [grant] = (await session.container.accounts.getUser(officer.id)).grants;
      routes = await sampleRoutes(session.container, coventry, { userId: officer.id, grantId: grant?.id ?? '' });
      await new SignInPage(session.page).open();
      await new SignInPage(session.page).signIn(session.accounts.admin.email, session.accounts.admin.password);
    });
    after(() => session?.close());

    it('reveals a follow-up question from a radio with valid ARIA, and says what it revealed', { skip: shard !== 0 }, async () => {
      const { page } = session;
      await page.goto(routes.url('/partnerships/:partnershipId/meetings/:id/items/new'));
      await session.expectAccessiblePage('reveal-from-a-radio');
      const confidential = page.getByLabel('No, it is confidential (Part II, exempt information)');
      const reason = page.getByLabel('Why it is confidential');
      assert.equal(await reason.isVisible(), false);
      await confidential.check();
      assert.equal(await reason.isVisible(), true);
      assert.equal(await confidential.getAttribute('aria-controls'), 'conditional-confidentiality-2');
      assert.equal(await confidential.getAttribute('aria-expanded'), null, 'ARIA allows aria-expanded on no radio');
      assert.equal(
        await page.locator('[data-qa="reveal-status"][role="status"]').textContent(),
        'No, it is confidential (Part II, exempt information): 1 more question shown, Why it is confidential',
      );
      await page.getByLabel('Yes, it is public').check();
      assert.equal(await reason.isVisible(), false);
      assert.equal(await confidential.getAttribute('aria-expanded'), null);
      await session.expectAccessiblePage('reveal-from-a-radio-hidden-again');
    });

    it('has no accessibility violations on any page an administrator can open', async () => {
      const patterns = session.app.registeredRoutes
        .filter((route) => route.method === 'GET' && !notPages.some((pattern) => pattern.test(route.url)))
        .map((route) => route.url)
        .filter((_, index) => index % shards === shard);
      assert.ok(patterns.length > 40 / shards, `${patterns.length} pages`);
      let scans = 0;
      for (const pattern of patterns) {
        const response = await session.page.goto(routes.url(pattern));
        assert.equal(response?.status(), 200, `${pattern} answers 200`);
        const name =
          pattern
            .replace(/:(\w+)/g, '$1')
            .replace(/[^a-z0-9]+/gi, '-')
            .replace(/^-|-$/g, '') || 'home';
        scans += await session.expectAccessibleStates(name, { errors: true });
      }
      // Each page once, and at least one more state for many of them (so that the states are not silently skipped).
      assert.ok(scans > patterns.length * 1.5, `${scans} scans of ${patterns.length} pages`);
      process.stdout.write(`# ${scans} scans of ${patterns.length} pages\n`);
    });
  });
}
