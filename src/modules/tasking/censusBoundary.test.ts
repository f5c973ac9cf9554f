/**
 * A tasking document across the 2021 census boundary change: Charnwood 019A (2011) split into 019E and 019F (2021).
 * A priority location of the 2021 LSOAs has no figure for a month police.uk coded in 2011 LSOAs: not comparable,
 * never 0, in its count, changes, expected figure, chart and map. An unchanged LSOA and a street are unaffected.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { wordsOfPdf } from '../../../test/helpers/pdf.ts';
import { doctoredFile } from '../../../test/helpers/policeuk.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import type { TaskingDocument } from './tasking.types.ts';
import { taskingDocumentPdf } from './taskingDocument.ts';
import { scratchFolder } from '../../../test/helpers/scratch.ts';

const charnwoodArea = 'E22000165';
const split2011 = 'E01025679'; // Charnwood 019A, 2011 only
const unchanged = 'E01025680'; // Charnwood 019B, in both editions
const new2021 = ['E01034006', 'E01034007']; // Charnwood 019E and 019F, 2021 only
const december = '2025-12-city-of-london-street.csv';

for (const database of testDatabases()) {
  describe(`a tasking document across the census boundary change on ${database.engine}`, () => {
    let container: Container;
    let partnershipId: string;
    let groupId: string;
    const located: Record<string, string> = {};
    /** Each file's LSOA codes, one a crime, read back from the file as written. */
    const placed: Record<string, string[]> = {};
    let street = '';

    async function importMonth(month: string, lsoaOf: (index: number) => string) {
      // A tenth of the rows at police.uk's blank location, "On or near " with no street.
      const location = (index: number, at: string) => (index % 10 ? at : 'On or near ');
      const content = doctoredFile(december, { month, force: 'Leicestershire Police', lsoa: lsoaOf, location });
      const path = join(scratchFolder('boundary'), `${month}-leicestershire-street.csv`);
      writeFileSync(path, content);
      const { imported } = await container.crimeData.importFile(systemPrincipal, path);
      assert.equal(imported.status, 'complete');
      placed[month] = parse<Record<string, string>>(content, { bom: true, columns: true }).map((row) => row['LSOA code'] ?? '');
    }

    const location = async (name: string, kind: 'lsoa' | 'street', places: string[]) =>
      (located[name] = await container.tasking.createLocation(systemPrincipal, partnershipId, { name, kind, places, reason: null }));
    const section = (doc: TaskingDocument, name: string) => doc.sections.find((candidate) => candidate.key === located[name]);

    before(async () => {
      container = createContainer(testConfig, {
        clock: { now: () => new Date('2023-03-01T09:00:00Z') },
        database: await database.create(),
        mailer: createLogMailer(() => undefined),
      });
      partnershipId = (await seedDemo(container.governance)).get('charnwood') ?? '';
      groupId = (await container.governance.groups.list(partnershipId))[0]?.id ?? '';
      await container.crimeData.setArea(systemPrincipal, partnershipId, charnwoodArea);
      // September and October 2022 coded in 2011 LSOAs (019A and 019B); January 2023 in 2021 ones (019E, 019F, 019B).
      await importMonth('2022-09', (index) => (index % 2 ? split2011 : unchanged));
      await importMonth('2022-10', (index) => (index % 2 ? split2011 : unchanged));
      await importMonth('2023-01', (index) => [new2021[0]!, new2021[1]!, unchanged][index % 3]!);
      await location('The new LSOAs', 'lsoa', new2021);
      await location('The unchanged LSOA', 'lsoa', [unchanged]);
      await location('Partly of each edition', 'lsoa', [unchanged, new2021[0]!]);
      street = (await container.tasking.placeChoices(partnershipId)).streets[0] ?? '';
      await location('A street', 'street', [street]);
    });
    after(() => container.database.close());

    it('gives a location of 2021 LSOAs no figure for a month coded in 2011 LSOAs: not comparable, never 0', async () => {
      const doc = await container.tasking.document(partnershipId, groupId, '2022-10');
      const newLsoas = section(doc, 'The new LSOAs');
      assert.ok(newLsoas);
      assert.deepEqual(
        { ...newLsoas, series: undefined, trend: undefined, key: undefined, placeNames: undefined, lastMonthActions: undefined },
        {
          ...newLsoas,
          ...{ series: undefined, trend: undefined, key: undefined, placeNames: undefined, lastMonthActions: undefined },
          count: null,
          lastMonth: null,
          sameMonthLastYear: null,
          expected: null,
          ratePer1000: null,
          crimeTypes: [],
          points: [],
        },
      );
      assert.deepEqual(
        newLsoas.series.map((entry) => [entry.month, entry.count, entry.notComparable]),
        [
          ['2022-09', null, true],
          ['2022-10', null, true],
        ],
      );
      // A location partly of each edition compares only where every one of its LSOAs is of the month's edition.
      assert.equal(section(doc, 'Partly of each edition')?.count, null);

      const words = wordsOfPdf(await taskingDocumentPdf(doc));
      assert.ok(words.includes('Crimes in October 2022 Not comparable: police.uk coded October 2022'), words);
      assert.ok(words.includes('Change on September 2022 Not comparable'));
      assert.ok(words.includes('No trend chart: none of its months is coded in'));
      assert.ok(!words.includes('No crimes were recorded here in October 2022'));
    });

    it('offers no blank location as a street to task', async () => {
      const { streets } = await container.tasking.placeChoices(partnershipId);
      assert.ok(streets.length > 0);
      assert.ok(!streets.some((place) => place.trim() === 'On or near'), streets.slice(0, 3).join('; '));
    });

    it('counts an unchanged LSOA and a street in every month, and the new LSOAs in the months of their edition', async () => {
      const october = await container.tasking.document(partnershipId, groupId, '2022-10');
      const inOctober = placed['2022-10']!.filter((code) => code === unchanged).length;
      assert.ok(inOctober > 0);
      assert.equal(section(october, 'The unchanged LSOA')?.count, inOctober);
      assert.ok((section(october, 'A street')?.count ?? 0) > 0, `${street} has crimes in October 2022`);

      const january = await container.tasking.document(partnershipId, groupId, '2023-01');
      const newLsoas = section(january, 'The new LSOAs');
      assert.equal(newLsoas?.count, placed['2023-01']!.filter((code) => new2021.includes(code)).length);
      // December 2022 is a gap in the months held; October 2022 is held, on the other boundaries.
      assert.deepEqual(
        newLsoas?.series.map((entry) => [entry.month, entry.count === null ? (entry.notComparable ? 'not comparable' : 'gap') : 'count']),
        [
          ['2022-09', 'not comparable'],
          ['2022-10', 'not comparable'],
          ['2022-11', 'gap'],
          ['2022-12', 'gap'],
          ['2023-01', 'count'],
        ],
      );
      assert.equal(
        section(january, 'Partly of each edition')?.count,
        placed['2023-01']!.filter((c) => c === unchanged || c === new2021[0]).length,
      );
    });
  });
}
