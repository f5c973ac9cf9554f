import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { createPageRenderer, EncodedHtml } from './render.ts';

const loader: nunjucks.ILoader = {
  getSource: () => ({
    src: '<p>{{ first }}</p><p>{{ second | safe }}</p><p>{{ first }}</p><p>{{ words }}</p>',
    path: 'page.njk',
    noCache: false,
  }),
};
const pages = createPageRenderer(new nunjucks.Environment(loader, { autoescape: true }), () => Promise.resolve([]));
const request = { session: {}, principal: null, partnership: null, url: '/page' } as unknown as FastifyRequest;
const reply = {
  cspNonce: { script: 'nonce' },
  generateCsrf: () => 'token',
  type() {
    return this;
  },
  send: (payload: unknown) => payload,
} as unknown as FastifyReply;

describe('a page with parts kept encoded', () => {
  it('sends each part as it was kept, where the page draws it, however often, among the rest escaped as ever', async () => {
    const sent = (await pages.render(request, reply, 'page.njk', {
      second: new EncodedHtml('<b>second – “kept”</b>'),
      first: new EncodedHtml('<i>first</i>'),
      words: '<not a tag>',
    })) as unknown;
    assert.ok(Buffer.isBuffer(sent));
    assert.equal(sent.toString(), '<p><i>first</i></p><p><b>second – “kept”</b></p><p><i>first</i></p><p>&lt;not a tag&gt;</p>');
  });

  it('sends a page without such parts as text', async () => {
    const sent = (await pages.render(request, reply, 'page.njk', { first: 'a', second: 'b', words: 'c' })) as unknown;
    assert.equal(sent, '<p>a</p><p>b</p><p>a</p><p>c</p>');
  });
});
