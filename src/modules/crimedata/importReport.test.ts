import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CrimeImportStatus } from '../../db/schema.ts';
import { importMonthText, importProgress, uploadOutcome } from './importReport.ts';

const rows = (...statuses: CrimeImportStatus[]) => statuses.map((status) => ({ status }));

describe('uploadOutcome', () => {
  it('says "imported" only when a file was', () => {
    assert.equal(uploadOutcome(rows('complete', 'complete')).title, 'Crime data imported');
    assert.equal(uploadOutcome(rows('complete', 'complete')).outcome, 'Both files were imported.');
    assert.equal(uploadOutcome(rows('complete', 'complete', 'complete')).outcome, 'All 3 files were imported.');
    assert.equal(uploadOutcome(rows('complete')).outcome, 'The file was imported.');
    assert.deepEqual(uploadOutcome(rows('refused')), {
      title: 'Crime data not imported',
      outcome: 'The file was not imported: the reason is given below.',
      warning: true,
    });
    assert.equal(uploadOutcome(rows('refused', 'failed')).outcome, 'Neither file was imported: the reasons are given below.');
    assert.equal(
      uploadOutcome(rows('refused', 'failed', 'rejected')).outcome,
      'None of the 3 files was imported: the reasons are given below.',
    );
    assert.equal(
      uploadOutcome(rows('refused', 'refused', 'complete')).outcome,
      '1 of 3 files was imported. 2 of 3 files were not imported: the reasons are given below.',
    );
    assert.equal(uploadOutcome(rows('unchanged', 'refused')).title, 'Crime data not imported');
    assert.equal(uploadOutcome(rows('unchanged')).title, 'Crime data already imported');
    assert.equal(uploadOutcome(rows('held')).title, 'Crime data waiting for the overseer');
  });

  it('says which part of an upload was imported and which was not', () => {
    const partly = uploadOutcome(rows('complete', 'failed', 'unchanged'));
    assert.equal(partly.title, 'Crime data partly imported');
    assert.equal(
      partly.outcome,
      '1 of 3 files was imported. 1 of 3 files was imported before: nothing has changed. 1 of 3 files was not imported: the reason is given below.',
    );
  });
});

describe('a file’s month and progress', () => {
  const file = { bytes: 1000, bytesDone: 430 };
  it('gives no bar, no "100%" and no second "Not imported" for a file not imported, and where a stopped file stopped', () => {
    assert.deepEqual(importProgress({ ...file, status: 'refused' }), { percent: null, text: 'Checked' });
    assert.deepEqual(importProgress({ ...file, status: 'rejected' }), { percent: null, text: 'Read in full' });
    assert.deepEqual(importProgress({ ...file, status: 'failed' }), { percent: 43, text: 'Stopped at 43%' });
    assert.deepEqual(importProgress({ ...file, status: 'importing' }), { percent: 43, text: '43%' });
    assert.deepEqual(importProgress({ ...file, status: 'complete' }), { percent: 100, text: '100%' });
  });

  it('says a refused file’s month will not be known', () => {
    assert.equal(importMonthText({ month: null, status: 'waiting' }), 'Not known yet');
    assert.equal(importMonthText({ month: null, status: 'refused' }), 'Not known: the file was not read');
    assert.equal(importMonthText({ month: '2025-12', status: 'refused' }), 'December 2025');
  });
});
