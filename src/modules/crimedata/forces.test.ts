import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { forceAreaOf } from './forces.ts';

const areas = parse<Record<string, string>>(readFileSync(join(import.meta.dirname, 'reference', 'csps.csv')), { columns: true }).map(
  (row) => ({ forceCode: row.force_code!, forceName: row.force_name! }),
);

test('each force police.uk names in the sample files is the ONS force area of that name', () => {
  assert.equal(forceAreaOf('Leicestershire Police', areas), 'E23000021');
  assert.equal(forceAreaOf('Devon & Cornwall Police', areas), 'E23000035');
  assert.equal(forceAreaOf('City of London Police', areas), 'E23000034');
  assert.equal(forceAreaOf('Metropolitan Police Service', areas), 'E23000001');
  assert.equal(forceAreaOf('Dyfed-Powys Police', areas), 'W15000004');
});

test('a force with no area of its own is not matched to another', () => {
  assert.equal(forceAreaOf('British Transport Police', areas), null);
  assert.equal(forceAreaOf('Police Service of Northern Ireland', areas), null);
});
