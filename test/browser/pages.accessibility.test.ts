/**
 * Every page of the service, as an administrator sees it, through axe (WCAG 2.2 AA) with a screenshot:
 * the journeys cover the main path; this covers the pages they do not reach.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserSession, browserTestOptions, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { type RouteSampler, sampleRoutes } from '../helpers/routes.ts';

/** Pages that are not pages: files, JSON, and addresses that only redirect. */
const notPages = [
  /^\/assets\//,
  /^\/health$/,
  /\.(csv|docx|pdf|ics)$/,
  /\/papers\/:paperId$/,
  /\/documents\/:documentId$/,
  /\/files\/:file$/,
  /^\/switch-partnership$/,
  /^\/sign-in$/,
];

describe('every page passes axe', browserTestOptions(), () => {
  let session: BrowserSession;
  let routes: RouteSampler;

  before(async () => {
    session = await startBrowserSession('pages');
    const coventry = session.partnerships.get('coventry') ?? '';
    const [officer] = (await session.container.accounts.listUsers()).filter((user) => user.email === session.accounts.officer.email);
    assert.ok(officer);
    const [grant] = (await session.container.accounts.getUser(officer.id)).grants;
    routes = await sampleRoutes(session.container, coventry, { userId: officer.id, grantId: grant?.id ?? '' });
    await new SignInPage(session.page).open();
    await new SignInPage(session.page).signIn(session.accounts.admin.email, session.accounts.admin.password);
  });
  after(() => session?.close());

  it('has no accessibility violations on any page an administrator can open', async () => {
    const patterns = session.app.registeredRoutes
      .filter((route) => route.method === 'GET' && !notPages.some((pattern) => pattern.test(route.url)))
      .map((route) => route.url);
    assert.ok(patterns.length > 40, `${patterns.length} pages`);
    for (const pattern of patterns) {
      const response = await session.page.goto(routes.url(pattern));
      assert.equal(response?.status(), 200, `${pattern} answers 200`);
      const name =
        pattern
          .replace(/:(\w+)/g, '$1')
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/^-|-$/g, '') || 'home';
      await session.expectAccessiblePage(name);
    }
  });
});
