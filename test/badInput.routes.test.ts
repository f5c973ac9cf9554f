/** Input that used to reach the database and fail there: each now gets a clear answer, never a 500, on both engines. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Container } from '../src/container.ts';
import { systemPrincipal } from '../src/platform/principal.ts';
import { seedDemo } from '../src/modules/governance/index.ts';
import { Browser } from './helpers/app.ts';
import { build, suiteScope } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';

const password = 'correct horse battery staple';
const statuses = (responses: LightMyRequestResponse[]) => responses.map((response) => response.statusCode).sort();

for (const database of testDatabases()) {
  describe(`bad input on ${database.engine}`, () => {
    const suite = suiteScope();
    let app: FastifyInstance;
    let container: Container;
    let admin: Browser;
    let coventry: string;

    before(async () => {
      ({ app, container } = await build(suite, { database: await database.create(), seed: false, as: 'nobody' }));
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      await container.accounts.createUser(systemPrincipal, { email: 'admin@example.com', name: 'Ada Admin', password, isAdmin: true });
      admin = new Browser(app);
      await admin.signIn('admin@example.com', password);
    });

    it('sends a page past the end of every list, however far past, to the list’s last page', async () => {
      const huge = 'page=999999999999999999';
      for (const list of [`/partnerships/${coventry}/actions`, `/partnerships/${coventry}/decisions`, '/admin/audit']) {
        const response = await admin.get(`${list}?${huge}`);
        assert.equal(response.statusCode, 302, list);
        assert.match(response.headers.location ?? '', /\?page=\d{1,3}$/, list);
        assert.equal((await admin.get(response.headers.location ?? '')).statusCode, 200, list);
      }
      assert.equal((await admin.get(`/admin/areas?${huge}`)).statusCode, 200);
    });

    it('refuses a control character in a form field next to the field as a hidden character, keeping what was typed', async () => {
      const response = await admin.post('/admin/areas', {
        name: 'West\u0000Midlands',
        forceName: 'West Midlands Police',
        oversightBody: 'West Midlands PCC',
        oversightKind: 'pcc',
      });
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        /<a href="#name">Area name has a hidden character in it, perhaps from copying and pasting: type it again rather than pasting it<\/a>/,
      );
      assert.match(response.body, /id="name-error"/);
      assert.ok(response.body.includes('value="West\u0000Midlands"'), 'what was typed is kept');
      assert.match(response.body, /value="West Midlands Police"/);
      assert.equal((await container.governance.areas.list(null)).filter((area) => area.name.includes('\u0000')).length, 0);
    });

    it('refuses text that reads differently from what it holds (bidirectional overrides and isolates), as a hidden character', async () => {
      for (const hidden of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
        const response = await admin.post('/admin/areas', {
          name: 'West Midlands',
          forceName: `West Midlands ${hidden}ecilop${hidden === '\u202e' ? '\u202c' : ''}`,
          oversightBody: 'West Midlands PCC',
          oversightKind: 'pcc',
        });
        assert.equal(response.statusCode, 400, JSON.stringify(hidden));
        assert.match(response.body, /<a href="#forceName">Police force has a hidden character in it, perhaps from copying and pasting/);
        assert.match(response.body, /value="West Midlands"/, 'what was typed is kept');
      }
      assert.equal(
        (await container.governance.areas.list(null)).filter((area) => /[\u202a-\u202e\u2066-\u2069]/.test(area.forceName)).length,
        0,
      );
    });

    it('takes a required field of only spaces and invisible characters as empty, and keeps those characters inside words', async () => {
      const response = await admin.post('/admin/areas', {
        name: ' \u200b\u200c\u200d\u2060\ufeff ',
        forceName: 'West Midlands Police',
        oversightBody: 'West Midlands PCC',
        oversightKind: 'pcc',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /<a href="#name">Enter the area name<\/a>/);
      // A zero-width joiner belongs inside an emoji sequence or a word in some scripts.
      const joined = await admin.post('/admin/areas', {
        name: 'Area \u{1F469}\u200d\u{1F692}',
        forceName: 'West Midlands Police',
        oversightBody: 'West Midlands PCC',
        oversightKind: 'pcc',
      });
      assert.equal(joined.statusCode, 302);
    });

    it('refuses a hidden character in an address before it is looked up or searched for', async () => {
      for (const url of [
        `/partnerships/${coventry}/decisions?q=a%00b`,
        `/partnerships/a%00b/actions`,
        '/admin/audit?entityType=%01',
        `/partnerships/${coventry}/decisions?q=a%E2%80%AEb`,
      ]) {
        const response = await admin.get(url);
        assert.equal(response.statusCode, 400, url);
        assert.match(response.body, /Sorry, there is a problem with your request/);
      }
    });

    it('creates one account of ten made at once with the same email address, telling the other nine why', async () => {
      const form = { name: 'Sam Same', email: 'same@example.com', password, isAdmin: 'no' };
      const responses = await Promise.all(Array.from({ length: 10 }, () => admin.post('/admin/users', form, { tokenFrom: '/admin' })));
      assert.deepEqual(statuses(responses), [302, ...Array<number>(9).fill(400)]);
      for (const refused of responses.filter((response) => response.statusCode === 400)) {
        assert.match(refused.body, /<a href="#email">An account with this email address already exists<\/a>/);
        assert.match(refused.body, /value="Sam Same"/);
      }
      assert.equal((await container.accounts.listUsers()).filter((user) => user.email === 'same@example.com').length, 1);
    });

    it('records one grant for a year of ten recorded at once, telling the other nine why', async () => {
      const form = { yearStarting: '2030', funder: 'West Midlands PCC', amount: '400,000', previousAmount: '', carryOver: '0', notes: '' };
      const base = `/partnerships/${coventry}/funding`;
      const responses = await Promise.all(Array.from({ length: 10 }, () => admin.post(base, form, { tokenFrom: '/admin' })));
      assert.deepEqual(statuses(responses), [302, ...Array<number>(9).fill(400)]);
      for (const refused of responses.filter((response) => response.statusCode === 400)) {
        assert.match(refused.body, /There is already a grant for 2030\/31: change it instead/);
        assert.match(refused.body, /value="West Midlands PCC"/);
      }
      assert.equal((await container.funding.grants(coventry)).filter((grant) => grant.yearStarting === 2030).length, 1);
    });
  });
}
