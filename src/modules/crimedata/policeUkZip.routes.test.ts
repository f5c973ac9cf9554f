import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { importFinished } from './index.ts';
import type { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { cityOfLondonForce, declaringSize, policeUkZip, zipOf } from '../../../test/helpers/policeuk.ts';

const cityOfLondon = 'E22000180';
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
    assert.match(page.body, /All 2 files were imported/);
    assert.match(page.body, /data-qa="skipped"/);
    assert.match(page.body, /Skipped one file \(2025-11-city-of-london-outcomes\.csv\): an outcomes file/);
    assert.match(page.body, /Skipped one file \(2025-12-city-of-london-stop-and-search\.csv\): a stop and search file/);
  });

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
      /2025-11\/2025-11-city-of-london-street\.csv in police-uk\.zip is not police\.uk’s street-level file: Line 2: it is longer than any row/,
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
      'only a zip inside the zip',
      async () => zipOf({ 'inner.zip': await policeUkZip() }),
      /police-uk\.zip holds no street-level crime files \(names ending “-street\.csv”\), only inner\.zip/,
    ],
  ];
  for (const [what, zip, message] of badZips) {
    it(`refuses a zip with ${what}, next to the field, keeping nothing`, async () => {
      const before = await container.crimeData.imports({});
      const response = await upload('police-uk.zip', await zip());
      assert.equal(response.statusCode, 400, response.body);
      assert.match(response.body, /id="files-error"/);
      assert.match(response.body, message);
      assert.match(response.body, /href="#files"/);
      assert.equal((await container.crimeData.imports({})).length, before.length);
      const chunks = await container.database.db.selectFrom('crimeUploadChunks').select('importId').execute();
      assert.equal(chunks.length, 0, 'nothing of it stored');
    });
  }

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
