import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { filesIn, looksLikeText, uploadedFileName, withFileUploads } from './uploads.ts';
import { scratchFolder } from '../../test/helpers/scratch.ts';

// A temporary directory of this test's own, so that other tests' uploads are not taken for its own.
process.env.TMPDIR = scratchFolder('uploads-test');

/** A multipart form of fields and files, as a browser sends it. */
function multipart(fields: Record<string, string>, files: { name: string; content: string }[]) {
  const boundary = 'test-boundary';
  const parts = [
    ...Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    ...files.map(
      (file) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`,
    ),
  ];
  return { payload: `${parts.join('')}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The files left in the temporary directory, once those being deleted (after the response was sent) have gone. */
async function leftOver(): Promise<string[]> {
  const left = () => readdirSync(tmpdir());
  for (let tries = 0; tries < 100 && left().length; tries += 1) await sleep(10);
  return left();
}

describe('uploads streamed to temporary files', () => {
  let app: FastifyInstance;
  const seen: string[] = [];

  before(async () => {
    app = Fastify();
    // As the app's permission and CSRF hook does: it runs before the handler, with the form's fields to hand.
    app.addHook('preHandler', async (request, reply) => {
      if ((request.body as { _csrf?: string } | undefined)?._csrf !== 'token') return reply.code(403).send('refused');
    });
    withFileUploads(app, { maxBytes: 10, maxFiles: 2 }, (scope) => {
      scope.post('/upload', (request, reply) => {
        const { files, overLimit } = filesIn(request.body, 'files');
        seen.push(...files.map((file) => file.path));
        return reply.send({
          overLimit,
          files: files.map((file) => ({
            fileName: file.fileName,
            bytes: file.bytes,
            truncated: file.truncated,
            start: file.start.toString(),
            content: readFileSync(file.path, 'utf8'),
          })),
        });
      });
    });
    await app.ready();
  });
  after(() => app.close());

  it('writes each file to disk before the handler, cut off at the size limit, and deletes it after', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/upload',
      ...multipart({ _csrf: 'token' }, [
        { name: 'C:\\Users\\analyst\\a.csv', content: 'a,b\r\n1,2\r\n' },
        { name: 'big.csv', content: 'x'.repeat(20) },
      ]),
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      overLimit: false,
      files: [
        { fileName: 'a.csv', bytes: 10, truncated: false, start: 'a,b\r\n1,2\r\n', content: 'a,b\r\n1,2\r\n' },
        { fileName: 'big.csv', bytes: 10, truncated: true, start: 'xxxxxxxxxx', content: 'xxxxxxxxxx' },
      ],
    });
    assert.equal(seen.length, 2);
    assert.ok(seen.every((path) => path.startsWith(tmpdir())));
    assert.deepEqual(await leftOver(), []);
  });

  it('keeps no more files than the limit, and says there were more', async () => {
    const files = ['1', '2', '3'].map((n) => ({ name: `${n}.csv`, content: n }));
    const response = await app.inject({ method: 'POST', url: '/upload', ...multipart({ _csrf: 'token' }, files) });
    assert.equal(response.json<{ overLimit: boolean }>().overLimit, true);
    assert.deepEqual(
      response.json<{ files: { fileName: string }[] }>().files.map((file) => file.fileName),
      ['1.csv', '2.csv'],
    );
  });

  it('deletes the files of a form refused before its handler', async () => {
    const before = seen.length;
    const response = await app.inject({ method: 'POST', url: '/upload', ...multipart({}, [{ name: 'a.csv', content: 'a' }]) });
    assert.equal(response.statusCode, 403);
    assert.equal(seen.length, before, 'the handler never ran');
    assert.deepEqual(await leftOver(), []);
  });

  it('gives no files for a form sent without any, or not as multipart', async () => {
    const empty = await app.inject({ method: 'POST', url: '/upload', ...multipart({ _csrf: 'token' }, [{ name: '', content: '' }]) });
    assert.deepEqual(empty.json(), { overLimit: false, files: [] });
    assert.deepEqual(filesIn({ files: 'a string' }, 'files'), { files: [], overLimit: false });
  });

  it('tells text from a binary file by its first bytes', () => {
    assert.equal(looksLikeText(Buffer.from('\uFEFFCrime ID,Month\r\n\tcaf\u00e9\f')), true);
    assert.equal(looksLikeText(Buffer.from('PK\u0003\u0004\u0014\u0000')), false);
    assert.equal(looksLikeText(Buffer.from('%PDF-1.7\n\u0001')), false);
  });
});

describe('an uploaded file’s name', () => {
  it('keeps the name without its folders or any hidden character, which no one typed', () => {
    assert.equal(uploadedFileName('C:\\Users\\jo\\Minutes.pdf'), 'Minutes.pdf');
    assert.equal(uploadedFileName('Minutes\u202Efdp.exe'), 'Minutesfdp.exe');
    assert.equal(uploadedFileName('Min\u0000utes\r\n.pdf'), 'Minutes.pdf');
    assert.equal(uploadedFileName('Strategic Assessment 2016–17 🚓.pdf'), 'Strategic Assessment 2016–17 🚓.pdf');
  });
});
