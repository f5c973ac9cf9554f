/**
 * A multipart form that does not arrive whole, sent to every route that takes a form: the upload routes say so
 * on a 400 page and keep no temporary file; no route answers 5xx.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { systemPrincipal } from '../src/platform/principal.ts';
import type { Container } from '../src/container.ts';
import { seedDemo } from '../src/modules/governance/index.ts';
import { Browser } from './helpers/app.ts';
import { build, suiteScope } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';
import { type RouteSampler, sampleRoutes, spareAccount } from './helpers/routes.ts';

const password = 'a long enough password';

const unreadable: Record<string, { payload: string; contentType: string }> = {
  'a part cut off': {
    payload: '--xx\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\nabc',
    contentType: 'multipart/form-data; boundary=xx',
  },
  'no boundary': { payload: 'garbage', contentType: 'multipart/form-data' },
  'another boundary': { payload: '--xx--', contentType: 'multipart/form-data; boundary=yy' },
};

const uploadRoutes = [
  '/partnerships/:partnershipId/meetings/:id/items/:itemId/papers',
  '/partnerships/:partnershipId/crime-data/import',
  '/partnerships/:partnershipId/performance/import',
  '/partnerships/:partnershipId/funding/:year/spend-import',
  '/partnerships/:partnershipId/strategy/assessments/:id/documents',
];

const uploadsLeft = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith('safer-upload-'));

for (const database of testDatabases()) {
  describe(`forms that do not arrive whole (${database.engine})`, () => {
    const suite = suiteScope();
    let app: FastifyInstance;
    let container: Container;
    let routes: RouteSampler;
    let cookie = '';

    before(async () => {
      ({ app, container } = await build(suite, { database: await database.create(), seed: false, as: 'nobody' }));
      const coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'admin@example.com',
        name: 'Admin',
        password,
        isAdmin: true,
      });
      routes = await sampleRoutes(container, coventry, { ...(await spareAccount(container, coventry)), userId });
      const signedIn = await new Browser(app).signIn('admin@example.com', password);
      cookie = (signedIn.cookies as { name: string; value: string }[]).map(({ name, value }) => `${name}=${value}`).join('; ');
    });

    it('says so on a 400 page at every upload route, and answers no route with a 5xx', async () => {
      const before = new Set(uploadsLeft());
      const saidIncomplete = new Set<string>();
      const wrong: string[] = [];
      const posts = app.registeredRoutes.filter((route) => route.method === 'POST' && route.url !== '/sign-out');
      for (const route of posts) {
        for (const [name, { payload, contentType }] of Object.entries(unreadable)) {
          const response = await app.inject({
            method: 'POST',
            url: routes.url(route.url),
            payload,
            headers: { cookie, 'content-type': contentType },
          });
          if (response.statusCode >= 500) wrong.push(`${route.url} (${name}): ${response.statusCode}`);
          if (response.body.includes('Your upload did not arrive whole')) {
            assert.equal(response.statusCode, 400, `${route.url} (${name})`);
            assert.match(response.body, /choose the files again and send it again/);
            saidIncomplete.add(`${route.url} (${name})`);
          }
        }
      }
      assert.deepEqual(wrong, []);
      assert.deepEqual(
        [...saidIncomplete].sort(),
        uploadRoutes.flatMap((url) => Object.keys(unreadable).map((name) => `${url} (${name})`)).sort(),
        'every upload route, and only those, says the upload did not arrive whole',
      );
      // Deleted once each response has been sent.
      const left = () => uploadsLeft().filter((file) => !before.has(file));
      for (let tries = 0; tries < 100 && left().length; tries += 1) await sleep(10);
      assert.deepEqual(left(), [], 'no temporary file is left');
    });
  });
}
