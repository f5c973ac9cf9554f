import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { MalformedRowError, readStreetFile, streetFileHeadings } from './policeUkFile.ts';

const row = (location: string) =>
  `abc,2022-10,Leicestershire Police,Leicestershire Police,-1.13,52.63,${location},E01013456,Leicester 001A,Burglary,,`;

async function read(text: string): Promise<number> {
  let crimes = 0;
  for await (const batch of readStreetFile(Readable.from([Buffer.from(text)]), { afterLine: 0, batchSize: 10 })) crimes += batch.length;
  return crimes;
}

describe('reading a police.uk street file', () => {
  it('refuses a row with a hidden character in it by its line, so that NUL never reaches the database', async () => {
    const file = [streetFileHeadings.join(','), row('On or near High Street'), row('On or near Low\u0000 Street')].join('\n');
    await assert.rejects(read(file), (error: unknown) => {
      assert.ok(error instanceof MalformedRowError);
      assert.equal(error.message, 'Line 3: it has a hidden character in it, perhaps from copying and pasting');
      return true;
    });
    assert.equal(await read([streetFileHeadings.join(','), row('On or near High Street')].join('\n')), 1);
  });
});
