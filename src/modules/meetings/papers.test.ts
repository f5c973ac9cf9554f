import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docxOf, pdfOf, plainZip, xlsxOf } from '../../../test/helpers/papers.ts';
import { englandTimeToUtc } from '../../platform/dates.ts';
import { meetingsCalendar } from './calendar.ts';
import { classifyPaper } from '../../platform/documentFiles.ts';
import { paperStanding } from './papers.ts';

describe('which files may be papers', () => {
  it('knows PDF, Word and Excel files by their content', async () => {
    assert.deepEqual(await classifyPaper(await pdfOf('A'), 'anything.bin'), { kind: 'pdf' });
    assert.deepEqual(await classifyPaper(await docxOf('A'), 'plan.docx'), { kind: 'docx' });
    assert.deepEqual(await classifyPaper(await xlsxOf(), 'figures.xlsx'), { kind: 'xlsx' });
  });

  it('tells old Word and Excel files apart by the stream inside the compound document', async () => {
    const compound = (stream: string) =>
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(512)]);
    assert.deepEqual(await classifyPaper(compound('WordDocument'), 'old.doc'), { kind: 'doc' });
    assert.deepEqual(await classifyPaper(compound('Workbook'), 'old.xls'), { kind: 'xls' });
    assert.ok('refused' in (await classifyPaper(compound('PowerPoint Document'), 'old.doc')));
  });

  it('takes CSV only as UTF-8 text in rows, named as CSV', async () => {
    const csv = Buffer.from('Ward,Crimes\nFoleshill,12\n');
    assert.deepEqual(await classifyPaper(csv, 'crimes.CSV'), { kind: 'csv' });
    assert.ok('refused' in (await classifyPaper(csv, 'crimes.pdf')));
    assert.ok('refused' in (await classifyPaper(Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'binary.csv')));
    assert.ok('refused' in (await classifyPaper(Buffer.from('a,"unclosed\n'), 'broken.csv')));
  });

  it('refuses impostors, empty files and PDFs that cannot be read', async () => {
    assert.ok('refused' in (await classifyPaper(Buffer.from('words'), 'report.pdf')));
    assert.ok('refused' in (await classifyPaper(await plainZip(), 'report.docx')));
    assert.ok('refused' in (await classifyPaper(Buffer.from('%PDF-1.7 and nothing else'), 'broken.pdf')));
    assert.deepEqual(await classifyPaper(Buffer.alloc(0), 'empty.pdf'), { refused: 'The selected file is empty' });
  });
});

describe('late papers and supplements', () => {
  const meeting = { papersDue: '2027-07-01', publishedAt: '2027-07-02T09:00:00.000Z' };
  it('counts the day in England, not in UTC', () => {
    assert.equal(paperStanding('2027-07-01T22:59:00.000Z', meeting).late, false);
    assert.equal(paperStanding('2027-07-01T23:01:00.000Z', meeting).late, true);
  });
  it('calls a paper added after publication a supplement', () => {
    assert.equal(paperStanding('2027-07-02T08:59:00.000Z', meeting).supplement, false);
    assert.equal(paperStanding('2027-07-02T09:01:00.000Z', meeting).supplement, true);
    assert.deepEqual(paperStanding('2027-07-05T09:00:00.000Z', { papersDue: null, publishedAt: null }), {
      late: false,
      supplement: false,
    });
  });
});

describe('meetings in calendars', () => {
  it('turns a time in England into UTC in winter and in summer', () => {
    assert.equal(englandTimeToUtc('2027-01-14', '10:00').toISOString(), '2027-01-14T10:00:00.000Z');
    assert.equal(englandTimeToUtc('2027-07-08', '10:00').toISOString(), '2027-07-08T09:00:00.000Z');
  });

  it('writes one event per meeting, a cancelled one as cancelled', () => {
    const calendar = meetingsCalendar('Board', [
      {
        id: 'a',
        groupName: 'Board',
        meetingDate: '2027-01-14',
        startTime: '14:00',
        location: 'Room 3',
        status: 'scheduled',
        url: 'https://x/a',
      },
      {
        id: 'b',
        groupName: 'Board',
        meetingDate: '2027-04-08',
        startTime: '14:00',
        location: 'Room 3',
        status: 'cancelled',
        url: 'https://x/b',
      },
    ]);
    assert.equal(calendar.match(/BEGIN:VEVENT/g)?.length, 2);
    assert.match(calendar, /UID:a@safer\r\n[\s\S]*DTSTART:20270114T140000Z[\s\S]*STATUS:CONFIRMED/);
    assert.match(calendar, /UID:b@safer\r\n[\s\S]*DTSTART:20270408T130000Z[\s\S]*STATUS:CANCELLED/);
    assert.match(calendar, /X-WR-CALNAME:Board/);
  });
});
