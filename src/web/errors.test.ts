/** The one error map, as a browser and as a machine meet it: each error's status, its page or its problem document. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, FieldValidationError } from '../platform/errors.ts';
import { build } from '../../test/helpers/build.ts';

const json = { accept: 'application/json' };

describe('the error map', () => {
  it('answers a page, or for a client that asks for JSON a problem document, for each error', async (t) => {
    const failing = { conflict: true };
    const { client, coventry } = await build(t, {
      as: 'member',
      // The action log raises what a service may raise outside any form: a colleague's change, or a rule.
      overrides: {
        actions: (built) => ({
          ...built,
          actionLogPage: () =>
            Promise.reject(failing.conflict ? new ConflictError(3) : new FieldValidationError('status', 'Select a status the log knows')),
        }),
      },
    });
    const log = `/partnerships/${coventry}/actions`;

    const conflictPage = await client.get(log);
    assert.equal(conflictPage.statusCode, 409);
    assert.match(conflictPage.body, /<h1 class="govuk-heading-l">This could not be done<\/h1>/);
    assert.match(conflictPage.body, /Someone else changed this record while you were editing it/);

    const asJson = (url: string) => client.get(url, json);
    const conflict = await asJson(log);
    assert.equal(conflict.statusCode, 409);
    assert.match(String(conflict.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(conflict.json(), {
      type: '/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: new ConflictError(3).message,
      instance: log,
    });

    failing.conflict = false;
    const invalid = await asJson(log);
    assert.equal(invalid.statusCode, 422);
    assert.equal(invalid.json<{ type: string }>().type, '/problems/invalid');

    // Not found says nothing of what was looked for; forbidden is decided before any handler, through the same map.
    const missing = await asJson(`/partnerships/${coventry}/actions/no-such-action`);
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), {
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      instance: `/partnerships/${coventry}/actions/no-such-action`,
    });
    const forbidden = await asJson(`/partnerships/${coventry}/groups/new`);
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json<{ type: string }>().type, '/problems/forbidden');
    const forbiddenPage = await client.get(`/partnerships/${coventry}/groups/new`);
    assert.equal(forbiddenPage.statusCode, 403);
    assert.match(forbiddenPage.body, /govuk-heading-l/);
    const hidden = await asJson(`/partnerships/${coventry}/actions/a%00b`);
    assert.equal(hidden.statusCode, 400);
    assert.equal(hidden.json<{ type: string }>().type, '/problems/bad-request');
  });

  it("answers an address Fastify cannot route in the service's words, echoing nothing of it", async (t) => {
    const { app, coventry } = await build(t, { as: 'nobody' });
    const long = `/partnerships/${coventry}/actions/${'a'.repeat(5000)}`;
    for (const url of [long, `/partnerships/${coventry}/actions/%E0%A4%A`]) {
      const page = await app.inject(url);
      assert.ok(page.statusCode >= 400 && page.statusCode < 500, `${page.statusCode} for ${url.slice(0, 60)}`);
      assert.match(page.body, /Sorry, there is a problem with your request/);
      assert.doesNotMatch(page.body, /FST_|aaaa/);
      const problem = await app.inject({ url, headers: json });
      assert.equal(problem.json<{ type: string }>().type, '/problems/bad-request');
      assert.doesNotMatch(problem.body, /FST_|aaaa/);
    }
  });
});
