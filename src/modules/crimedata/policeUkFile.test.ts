import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { checkedStreetFile, MalformedRowError, readStreetFile, streetFileHeadings } from './policeUkFile.ts';

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

  it('refuses a row that is not UTF-8, as a spreadsheet may save it, by its line; a U+FFFD police.uk wrote is kept', async () => {
    // Windows-1252, as Excel saves "CSV": the apostrophe is the one byte 0x92, which UTF-8 never has alone. Line 2
    // has a U+FFFD in UTF-8, as police.uk could write one: not the line at fault.
    const windows1252 = Buffer.concat([
      Buffer.from(`${streetFileHeadings.join(',')}\r\n${row('On or near \uFFFD Street')}\r\n`),
      Buffer.from(row('On or near St Paul’s Churchyard').replace('’', '\u0092'), 'latin1'),
      Buffer.from(`\r\n${row('On or near Low Street')}\r\n`),
    ]);
    for (const chunks of [
      [windows1252],
      [windows1252.subarray(0, 200), windows1252.subarray(200)],
      [...windows1252].map((byte) => Buffer.from([byte])),
    ]) {
      await assert.rejects(
        async () => {
          for await (const batch of readStreetFile(Readable.from(chunks), { afterLine: 0, batchSize: 10 })) void batch;
        },
        (error: unknown) =>
          error instanceof MalformedRowError && /^Line 3: it has a character that is not written as police.uk/.test(error.message),
      );
    }
    const replacement = [streetFileHeadings.join(','), row('On or near \uFFFD Street')].join('\n');
    const crimes: string[] = [];
    for await (const batch of readStreetFile(Readable.from([Buffer.from(replacement)]), { afterLine: 0, batchSize: 10 }))
      crimes.push(...batch.map((crime) => crime.location));
    assert.deepEqual(crimes, ['On or near \uFFFD Street']);
  });

  it('names the file’s first fault, whatever else is wrong further on in the same chunk', async () => {
    const headings = streetFileHeadings.join(',');
    const shortRow = 'abc,2022-10,Leicestershire Police';
    const cases: [string[], string][] = [
      [[headings, row('On or near High Street'), shortRow, row('On or near Low\u0000 Street')], 'Line 3: it has 3 columns'],
      [[headings, row('On or near Low\u0000 Street'), shortRow], 'Line 2: it has a hidden character'],
      [[headings, shortRow, row('x'.repeat(20_000))], 'Line 2: it has 3 columns'],
      [[headings, row('On or near High Street'), row('x'.repeat(20_000)), shortRow], 'Line 3: it is longer than any row'],
    ];
    for (const [lines, fault] of cases) {
      // One chunk, as a small file is read, and one line a chunk: the same fault either way.
      for (const chunks of [[lines.join('\n')], lines.map((line) => `${line}\n`)]) {
        let crimes = 0;
        await assert.rejects(
          async () => {
            for await (const batch of readStreetFile(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), {
              afterLine: 0,
              batchSize: 1,
            }))
              crimes += batch.length;
          },
          (error: unknown) => error instanceof MalformedRowError && error.message.startsWith(fault),
        );
        assert.equal(crimes, Number(fault.slice(5, 6)) - 2, `the rows before line ${fault.slice(5, 6)} were read`);
      }
    }
  });
});

describe('a line longer than any police.uk row', () => {
  it('is refused by its line number, whether a newline ends it or not', async () => {
    const file = [streetFileHeadings.join(','), row('On or near High Street'), row('x'.repeat(20_000))];
    for (const text of [file.join('\n'), `${file.join('\r\n')}\r\n${row('On or near Low Street')}`]) {
      await assert.rejects(read(text), (error: unknown) => {
        assert.ok(error instanceof MalformedRowError);
        assert.equal(error.message, 'Line 3: it is longer than any row of a police.uk file (over 16 KB)');
        return true;
      });
    }
  });

  it('is said to be lines ended by a carriage return alone, when it is', async () => {
    const rows = Array.from({ length: 200 }, (_, index) => row(`On or near Street ${index}`));
    const crEnded = [streetFileHeadings.join(','), ...rows].join('\r');
    for (const text of [crEnded, `${crEnded}\n`]) {
      await assert.rejects(read(text), (error: unknown) => {
        assert.ok(error instanceof MalformedRowError);
        assert.match(error.message, /^Line 1: its lines end in a carriage return alone/);
        return true;
      });
    }
  });

  it('is refused as the file is kept, passing on none of the line', async () => {
    const kept: Buffer[] = [];
    const chunks = [Buffer.from(`${streetFileHeadings.join(',')}\n${row('On or near High Street')}\n`), Buffer.alloc(64 * 1024, 'x')];
    await assert.rejects(async () => {
      for await (const chunk of checkedStreetFile(Readable.from(chunks), () => undefined)) kept.push(chunk);
    }, /Line 3: it is longer than any row/);
    assert.deepEqual(kept, [], 'the chunk holding the line was not passed on');
  });

  it('is refused as the file is kept, passing on none of a line begun in an earlier chunk', async () => {
    const kept: Buffer[] = [];
    const chunks = [
      Buffer.from(`${streetFileHeadings.join(',')}\n${row('On or near High Street')}\n\u0000${'x'.repeat(10_000)}`),
      Buffer.from(`${'x'.repeat(10_000)}\n${row('On or near Low Street')}\n`),
    ];
    await assert.rejects(async () => {
      for await (const chunk of checkedStreetFile(Readable.from(chunks), () => undefined)) kept.push(chunk);
    }, /Line 3: it is longer than any row/);
    assert.deepEqual(kept, [], 'the chunk holding the start of the line was not passed on');
  });
});
