import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { importFinished } from './index.ts';
import type { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { cityOfLondonForce, declaringSize, policeUkFixtures, policeUkZip, zipOf } from '../../../test/helpers/policeuk.ts';
import { zipLimits } from './policeUkZip.ts';

const cityOfLondon = 'E22000180';
const november = readFileSync(join(policeUkFixtures, '2025-11-city-of-london-street.csv'));
const street =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n';

describe('police.uk’s zip uploaded as it comes', () => {
  let container: Container;
  let officer: Browser;
  let base = '';
  let coventryId = '';
  const scope = suiteScope();

  before(async () => {
    let coventry: string;
    ({ container, client: officer, coventry } = await build(scope, { as: 'officer' }));
    coventryId = coventry;
    base = `/partnerships/${coventry}/crime-data`;
    // The fixtures are the City of London's: Coventry stands in for a partnership of that force.
    await cityOfLondonForce(container, coventry);
    await container.crimeData.setArea(systemPrincipal, coventry, cityOfLondon);
  });

  /** The zip with its entries marked as encrypted (general purpose bit 0), as a zip with a password has them. */
  function passwordFlagged(zip: Buffer): Buffer {
    const patched = Buffer.from(zip);
    for (let at = 0; at < patched.length - 4; at += 1) {
      const signature = patched.readUInt32LE(at);
      if (signature === 0x04034b50) patched.writeUInt16LE(patched.readUInt16LE(at + 6) | 1, at + 6);
      if (signature === 0x02014b50) patched.writeUInt16LE(patched.readUInt16LE(at + 8) | 1, at + 8);
    }
    return patched;
  }

  /** The zip with every entry's directory record pointing at the first entry's data, as a zip of shared data has it. */
  function sharingData(zip: Buffer): Buffer {
    const patched = Buffer.from(zip);
    for (let at = 0; at < patched.length - 4; at += 1) {
      if (patched.readUInt32LE(at) === 0x02014b50) patched.writeUInt32LE(0, at + 42);
    }
    return patched;
  }

  const upload = (name: string, content: Buffer) =>
    officer.upload(`${base}/import`, {}, [{ field: 'files', name, content, type: 'application/zip' }]);

  async function importsOf(batchId: string) {
    for (let tries = 0; tries < 600; tries += 1) {
      await container.notifications.runDueJobs();
      const rows = await container.crimeData.imports({ batchId });
      if (rows.length && rows.every(importFinished)) return rows;
      await sleep(50);
    }
    throw new Error(`The imports of ${batchId} did not finish`);
  }

  it('imports each street file of the zip in one upload, and says which files it skipped and why', async () => {
    const response = await upload('police-uk.zip', await policeUkZip());
    assert.equal(response.statusCode, 303, response.body);
    const batchId = /\/imports\/([^/?]+)$/.exec(String(response.headers.location))?.[1] ?? '';
    const rows = await importsOf(batchId);
    assert.deepEqual(rows.map((row) => [row.fileName, row.status, row.crimes]).sort(), [
      ['2025-11-city-of-london-street.csv', 'complete', 734],
      ['2025-12-city-of-london-street.csv', 'complete', 810],
    ]);
    const page = await officer.get(String(response.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Both files were imported/);
    assert.match(page.body, /data-qa="skipped"/);
    assert.match(page.body, /Skipped one file \(2025-11-city-of-london-outcomes\.csv\): an outcomes file/);
    assert.match(page.body, /Skipped one file \(2025-12-city-of-london-stop-and-search\.csv\): a stop and search file/);
  });

  /** What an upload may leave: its files' content, their crimes and the jobs queued. */
  const stored = async () => {
    const { db } = container.database;
    const count = async (table: 'crimeUploadChunks' | 'crimes' | 'jobs') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { chunks: await count('crimeUploadChunks'), crimes: await count('crimes'), jobs: await count('jobs') };
  };

  const badZips: [string, () => Promise<Buffer>, RegExp][] = [
    ['a CSV file’s content', () => Promise.resolve(Buffer.from(street)), /police-uk\.zip is not a zip file/],
    [
      'no street file',
      () => zipOf({ '2025-11/2025-11-city-of-london-outcomes.csv': 'Crime ID\r\n' }),
      /police-uk\.zip holds no street-level crime files \(names ending “-street\.csv”\), only 2025-11\/2025-11-city-of-london-outcomes\.csv/,
    ],
    [
      'a name leading outside the zip',
      () => zipOf({ '../../2025-11-city-of-london-street.csv': street }),
      /police-uk\.zip holds a file named “\.\.\/\.\.\/2025-11-city-of-london-street\.csv”, a name that leads outside the zip/,
    ],
    [
      'an entry that inflates to more than it declares (a zip bomb)',
      async () => declaringSize(await zipOf({ '2025-11/2025-11-city-of-london-street.csv': street.repeat(20_000) }), 1000),
      /2025-11\/2025-11-city-of-london-street\.csv in police-uk\.zip cannot be unzipped \(it holds more than the 1,000 bytes it declares\)/,
    ],
    [
      'an entry declaring more than any police.uk file',
      async () => declaringSize(await zipOf({ '2025-11/2025-11-city-of-london-street.csv': street }), 3_000_000_000),
      /would be 2,861 MB unzipped, more than any police\.uk file/,
    ],
    [
      'thousands of entries',
      () => zipOf(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`${i}-street.csv`, '']))),
      /police-uk\.zip holds 1,001 files, more than police\.uk’s download ever does/,
    ],
    [
      'more street files than the form takes at a time',
      () =>
        zipOf(
          Object.fromEntries(
            Array.from({ length: 61 }, (_, i) => {
              const month = `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
              return [`${month}/${month}-city-of-london-street.csv`, street];
            }),
          ),
        ),
      /police-uk\.zip holds 61 street-level files, and up to 60 can be imported at a time: nothing in it was imported/,
    ],
    [
      'a bomb: a street file compressed far beyond any police.uk file',
      () => zipOf({ '2025-11/2025-11-city-of-london-street.csv': street + `${'x'.repeat(99)}\r\n`.repeat(50_000) }),
      /2025-11\/2025-11-city-of-london-street\.csv in police-uk\.zip is compressed [\d,]+ to 1, far more than a police\.uk file ever is/,
    ],
    [
      'a street file of junk after its headings',
      () => zipOf({ '2025-11/2025-11-city-of-london-street.csv': street + randomBytes(300_000).toString('base64') }),
      /2025-11\/2025-11-city-of-london-street\.csv in police-uk\.zip cannot be imported, so nothing in the zip was\. Line 2: it is longer than any row of a police\.uk file\./,
    ],
    [
      'two files for the same force and month',
      () => zipOf({ 'a/2019-03-city-of-london-street.csv': street, 'b/2019-03-city-of-london-street.csv': street }),
      /police-uk\.zip holds a\/2019-03-city-of-london-street\.csv and b\/2019-03-city-of-london-street\.csv, two files for the same force and month/,
    ],
    [
      'a password on its street file',
      async () => passwordFlagged(await zipOf({ '2019-05/2019-05-city-of-london-street.csv': street })),
      /police-uk\.zip is password-protected \(2019-05\/2019-05-city-of-london-street\.csv has a password\)/,
    ],
    [
      'valid rows, then megabytes of junk on one line (under the compression limit, past the start checked)',
      () =>
        zipOf({
          '2025-11/2025-11-city-of-london-street.csv': Buffer.concat([november, Buffer.from(randomBytes(1_500_000).toString('base64'))]),
        }),
      /2025-11\/2025-11-city-of-london-street\.csv in police-uk\.zip cannot be imported, so nothing was\. Line 736: it is longer than any row of a police\.uk file \(over 16 KB\)\./,
    ],
    [
      'entries unzipping from the same data',
      async () =>
        sharingData(
          await zipOf({
            '2025-11/2025-11-city-of-london-street.csv': november,
            '2025-12/2025-12-city-of-london-street.csv': november,
          }),
        ),
      /police-uk\.zip has 2025-11\/2025-11-city-of-london-street\.csv and 2025-12\/2025-12-city-of-london-street\.csv unzipping from the same data/,
    ],
    [
      'a street file named for another month than its rows’',
      () => zipOf({ '2021-01/2021-01-city-of-london-street.csv': november }),
      /2021-01\/2021-01-city-of-london-street\.csv in police-uk\.zip is named for 2021-01, but its crimes are for 2025-11/,
    ],
    [
      'only a zip inside the zip',
      async () => zipOf({ 'inner.zip': await policeUkZip() }),
      /police-uk\.zip holds no street-level crime files \(names ending “-street\.csv”\), only inner\.zip/,
    ],
  ];
  for (const [what, zip, message] of badZips) {
    it(`refuses a zip with ${what}, next to the field, keeping nothing`, async () => {
      const before = await container.crimeData.imports({});
      const nothing = await stored();
      const response = await upload('police-uk.zip', await zip());
      assert.equal(response.statusCode, 400, response.body);
      assert.match(response.body, /id="files-error"/);
      assert.match(response.body, message);
      assert.match(response.body, /href="#files"/);
      assert.equal((await container.crimeData.imports({})).length, before.length);
      assert.deepEqual(await stored(), nothing, 'nothing of it stored, no crime, no job');
      assert.equal(nothing.chunks, 0);
    });
  }

  const csv = (name: string, content: Buffer) => ({ field: 'files', name, content, type: 'text/csv' });
  const zip = (name: string, content: Buffer) => ({ field: 'files', name, content, type: 'application/zip' });
  const noStreetFile = () => zipOf({ '2025-11/2025-11-city-of-london-outcomes.csv': 'Crime ID\r\n' });
  const novemberZip = () => zipOf({ '2025-11/2025-11-city-of-london-street.csv': november });
  const manyFiles = () =>
    zipOf(
      Object.fromEntries(
        Array.from({ length: 60 }, (_, i) => {
          const month = `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
          return [`${month}/${month}-city-of-london-street.csv`, street];
        }),
      ),
    );
  const refusedUploads: [string, () => Promise<{ field: string; name: string; content: Buffer; type: string }[]>, RegExp][] = [
    [
      'a good CSV, then a zip refused',
      async () => [csv('a_ok.csv', november), zip('b_bad.zip', await noStreetFile())],
      /b_bad\.zip holds no street-level crime files/,
    ],
    [
      'a good zip, then a zip refused',
      async () => [zip('a_ok.zip', await novemberZip()), zip('b_bad.zip', await noStreetFile())],
      /b_bad\.zip holds no street-level crime files/,
    ],
    [
      'a good zip, then a zip past the files at a time',
      async () => [zip('a_ok.zip', await novemberZip()), zip('b_many.zip', await manyFiles())],
      /b_many\.zip holds 60 street-level files, and up to 59 can be imported at a time/,
    ],
    [
      'two zips with the same force and month',
      async () => [zip('a.zip', await novemberZip()), zip('b.zip', await novemberZip())],
      /2025-11\/2025-11-city-of-london-street\.csv in a\.zip and 2025-11\/2025-11-city-of-london-street\.csv in b\.zip are both City of London Police’s file for 2025-11/,
    ],
    [
      'a CSV and a zip with the same force and month',
      async () => [csv('november.csv', november), zip('b.zip', await novemberZip())],
      /november\.csv and 2025-11\/2025-11-city-of-london-street\.csv in b\.zip are both City of London Police’s file for 2025-11/,
    ],
  ];
  for (const [what, files, message] of refusedUploads) {
    it(`refuses whole an upload of ${what}: no file of it kept, waiting or queued`, async () => {
      const before = await container.crimeData.imports({});
      const nothing = await stored();
      const response = await officer.upload(`${base}/import`, {}, await files());
      assert.equal(response.statusCode, 400, response.body);
      assert.match(response.body, /id="files-error"/);
      assert.match(response.body, message);
      await container.notifications.runDueJobs();
      assert.deepEqual(await container.crimeData.imports({}), before, 'no import of it, waiting, held or refused');
      assert.deepEqual(await stored(), nothing, 'nothing stored, no job queued (no import, no notice)');
    });
  }

  it('refuses a zip whose street files unzip to far more than the zip, though each is under the limit', async () => {
    const before = await container.crimeData.imports({});
    const most = zipLimits.zipRatio;
    // The fixtures deflate about 5 to 1: the bound brought below that, rather than a zip of hundreds of MB built.
    zipLimits.zipRatio = 2;
    try {
      const response = await upload('police-uk.zip', await policeUkZip());
      assert.equal(response.statusCode, 400, response.body);
      assert.match(
        response.body,
        /police-uk\.zip’s street files would be \d+ times its size unzipped, far more than police\.uk’s download ever is \(at most 2\)/,
      );
    } finally {
      zipLimits.zipRatio = most;
    }
    assert.deepEqual(await container.crimeData.imports({}), before);
  });

  it('lists every file of an upload on its progress page, however many', async () => {
    const batchId = 'many-files';
    const names = Array.from({ length: 61 }, (_, i) => `file-${String(i + 1).padStart(3, '0')}.csv`);
    for (const fileName of names)
      await container.crimeData.receiveUpload(systemPrincipal, {
        partnershipId: coventryId,
        batchId,
        fileName,
        content: Readable.from([Buffer.from(street)]),
      });
    const page = await officer.get(`${base}/imports/${batchId}`);
    assert.equal(page.statusCode, 200);
    for (const name of names) assert.match(page.body, new RegExp(name.replace('.', '\\.')));
  });
});
