import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { fixedCrimeFigures } from '../../../test/helpers/crimeFigures.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { type Container, createContainer } from '../../container.ts';
import type { Clock } from '../../platform/clock.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { formatValue } from './format.ts';
import type { IndicatorInput } from './performance.inputs.ts';
import { policeUkGroupSource } from './policeUkFigures.ts';

const months = (...list: string[]) => list;
const firstHalf2016 = months('2016-01', '2016-02', '2016-03', '2016-04', '2016-05', '2016-06');

/** The figures the tests state: Coventry and two peers, the second holding only January to March 2016. */
function stateFigures(areas: ReturnType<typeof fixedCrimeFigures>['areas'], coventry: string): void {
  areas.set(coventry, {
    name: 'Coventry',
    held: firstHalf2016,
    perMonth: { 'Violence and sexual offences': 30, 'Anti-social behaviour': 20, Burglary: 12 },
    population: 10_000,
  });
  areas.set('peer-a', {
    name: 'Peer A',
    held: firstHalf2016,
    perMonth: { 'Violence and sexual offences': 25, 'Anti-social behaviour': 10, Burglary: 8 },
    population: 8_000,
  });
  areas.set('peer-b', {
    name: 'Peer B',
    held: firstHalf2016.slice(0, 3),
    perMonth: { 'Violence and sexual offences': 40, 'Anti-social behaviour': 5, Burglary: 20 },
    population: 12_000,
  });
}

const indicator = (changes: Partial<IndicatorInput>): IndicatorInput => ({
  name: 'Crime per 1,000 residents',
  definition: 'All crime recorded by the police, without anti-social behaviour, per 1,000 residents',
  unit: 'rate_per_1000',
  polarity: 'lower_better',
  frequency: 'quarterly',
  source: 'police.uk',
  ownerGroupId: null,
  priorityId: null,
  baselinePeriod: null,
  baselineValue: null,
  targetKind: 'none',
  targetValue: null,
  stableWithinPercent: 1,
  redBeyondPercent: 5,
  policeUk: { crimeType: null, includesAsb: false },
  ...changes,
});

for (const database of testDatabases()) {
  describe(`indicators fed from police.uk on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    const fixed = fixedCrimeFigures();
    const clock: Clock = { now: () => new Date('2016-07-15T09:00:00Z') };

    before(async () => {
      container = createContainer(testConfig, {
        clock,
        database: await database.create(),
        mailer: createLogMailer(() => undefined),
        overrides: fixed.overrides,
      });
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      stateFigures(fixed.areas, coventry);
    });
    after(() => container.database.close());

    it('works out a rate for every quarter the data wholly covers, provisional, with each quarter’s group from the peers', async () => {
      const id = await container.performance.indicators.create(systemPrincipal, coventry, indicator({}));
      const figures = await container.performance.measurements(coventry, id);
      // (12 + 30) a month for three months over 10,000 residents; ASB left out.
      assert.deepEqual(
        figures.map((m) => [m.period, m.value, m.status]),
        [
          ['2015-16 Q4', 12.6, 'provisional'],
          ['2016-17 Q1', 12.6, 'provisional'],
        ],
      );
      const { report } = await container.performance.report(coventry, '2015-16 Q4');
      const crime = report.indicators.find((figures) => figures.indicatorId === id);
      assert.ok(crime?.msg);
      assert.equal(crime.provisional, true);
      assert.equal(crime.msg.source, policeUkGroupSource);
      // Peer A: 33 × 3 / 8,000 = 12.375, to one decimal 12.4; Peer B: 60 × 3 / 12,000 = 15.0.
      assert.deepEqual(
        crime.msg.members.map((m) => [m.name, m.value, m.rank]),
        [
          ['Coventry', 12.6, 2],
          ['Peer A', 12.4, 1],
          ['Peer B', 15, 3],
        ],
      );
      assert.equal(formatValue(crime.msg.average, 'rate_per_1000'), '13.3');
      assert.equal(crime.msg.position, 'within');
      assert.equal(crime.msg.position2, 'within');
      // Peer B holds no month of Quarter 1: it has no figure there, and the group's average is over the two that do.
      const q1 = (await container.performance.report(coventry, '2016-17 Q1')).report.indicators.find((f) => f.indicatorId === id);
      assert.deepEqual(
        q1?.msg?.members.map((m) => m.value),
        [12.6, 12.4, null],
      );
      assert.equal(q1?.msg?.known, 2);
      // The chart starts at the first quarter held, not three years back with empty quarters.
      assert.deepEqual(
        q1?.series.map((point) => [point.period, point.value]),
        [
          ['2015-16 Q4', 12.6],
          ['2016-17 Q1', 12.6],
        ],
      );
    });

    it('counts one crime type each month exactly, and all crime with anti-social behaviour', async () => {
      const burglary = await container.performance.indicators.create(
        systemPrincipal,
        coventry,
        indicator({ name: 'Burglary', unit: 'count', frequency: 'monthly', policeUk: { crimeType: 'Burglary', includesAsb: false } }),
      );
      const monthly = await container.performance.measurements(coventry, burglary);
      assert.deepEqual(
        monthly.map((m) => [m.period, m.value]),
        firstHalf2016.map((month) => [month, 12]),
      );
      // The group is compared per 1,000 residents, not by raw counts of partnerships of different size; the table of a
      // monthly indicator in a quarter's report is the quarter's last month's, and says so.
      const { report } = await container.performance.report(coventry, '2015-16 Q4');
      const msg = report.indicators.find((figures) => figures.indicatorId === burglary)?.msg;
      assert.equal(msg?.unit, 'rate_per_1000');
      assert.equal(msg?.periodLabel, 'March 2016 (the quarter’s last month)');
      // Coventry 12 over 10,000; Peer A 8 over 8,000; Peer B 20 over 12,000.
      assert.deepEqual(
        msg?.members.map((m) => [m.name, m.value]),
        [
          ['Coventry', 1.2],
          ['Peer A', 1],
          ['Peer B', 1.7],
        ],
      );
      const all = await container.performance.indicators.create(
        systemPrincipal,
        coventry,
        indicator({ name: 'All crime and ASB', unit: 'count', policeUk: { crimeType: null, includesAsb: true } }),
      );
      assert.deepEqual(
        (await container.performance.measurements(coventry, all)).map((m) => m.value),
        [186, 186],
      );
      // No whole financial year is held: a yearly indicator has no figures, and the update says so.
      const yearly = await container.performance.indicators.create(
        systemPrincipal,
        coventry,
        indicator({ name: 'Yearly', frequency: 'yearly' }),
      );
      assert.equal((await container.performance.measurements(coventry, yearly)).length, 0);
    });

    it('keeps a confirmed figure when the data changes, says the difference, and takes the new one only when confirmed again', async () => {
      const id = await container.performance.indicators.create(
        systemPrincipal,
        coventry,
        indicator({ name: 'Burglary by quarter', unit: 'count', policeUk: { crimeType: 'Burglary', includesAsb: false } }),
      );
      const [q4] = await container.performance.measurements(coventry, id);
      assert.ok(q4);
      assert.equal(
        await container.performance.confirmFigures(systemPrincipal, coventry, id, [{ period: q4.period, version: q4.version }]),
        1,
      );

      // A file re-imported: 13 burglaries a month from now on.
      const area = fixed.areas.get(coventry);
      assert.ok(area);
      area.perMonth.Burglary = 13;
      try {
        const update = await container.performance.updateFromPoliceUk(systemPrincipal, coventry, id);
        assert.deepEqual(update, { added: 0, changed: 1, differing: 1, compared: 2 });
        const [confirmed, provisional] = await container.performance.measurements(coventry, id);
        assert.deepEqual([confirmed?.value, confirmed?.policeUkValue, confirmed?.status], [36, 39, 'confirmed']);
        assert.deepEqual([provisional?.value, provisional?.status], [39, 'provisional']);
        // Confirming what the analyst saw before the update is refused; confirming what is there now takes the new figure.
        await assert.rejects(
          container.performance.confirmFigures(systemPrincipal, coventry, id, [{ period: q4.period, version: q4.version + 1 }]),
          ConflictError,
        );
        assert.ok(confirmed);
        await container.performance.confirmFigures(systemPrincipal, coventry, id, [
          { period: confirmed.period, version: confirmed.version },
        ]);
        const [taken] = await container.performance.measurements(coventry, id);
        assert.deepEqual([taken?.value, taken?.status], [39, 'confirmed']);
        const audited = await container.audit.list({ partnershipId: coventry, entityType: 'indicator' }, { limit: 50, offset: 0 });
        assert.ok(
          audited.rows.some((row) =>
            /Updated the figures of Burglary by quarter from police\.uk \(Burglary\): 0 added, 1 changed, 1 confirmed figure differs/.test(
              row.summary,
            ),
          ),
        );
      } finally {
        area.perMonth.Burglary = 12;
      }
    });

    it('writes one figure per period when ten updates run at once', async () => {
      const id = await container.performance.indicators.create(
        systemPrincipal,
        coventry,
        indicator({
          name: 'Violence',
          unit: 'count',
          frequency: 'monthly',
          policeUk: { crimeType: 'Violence and sexual offences', includesAsb: false },
        }),
      );
      await container.database.db.deleteFrom('measurements').where('indicatorId', '=', id).execute();
      const updates = await Promise.all(
        Array.from({ length: 10 }, () => container.performance.updateFromPoliceUk(systemPrincipal, coventry, id)),
      );
      assert.equal(
        updates.reduce((sum, update) => sum + update.added, 0),
        6,
      );
      assert.equal((await container.performance.measurements(coventry, id)).length, 6);
    });

    it('works out the baseline figure from the data for the baseline period, never as typed', async () => {
      const id = await container.performance.indicators.create(
        systemPrincipal,
        coventry,
        indicator({
          name: 'Burglary against its baseline',
          unit: 'count',
          frequency: 'monthly',
          baselinePeriod: '2015-16 Q4',
          baselineValue: 999,
          policeUk: { crimeType: 'Burglary', includesAsb: false },
        }),
      );
      const made = await container.performance.indicators.get(coventry, id);
      // 12 burglaries a month over January to March 2016.
      assert.deepEqual([made.baselinePeriod, made.baselineValue], ['2015-16 Q4', 36]);
    });

    it('refuses to update a typed-in indicator from police.uk, and a typed figure for a police.uk one', async () => {
      const typed = await container.performance.indicators.create(
        systemPrincipal,
        coventry,
        indicator({ name: 'Typed', unit: 'count', policeUk: null }),
      );
      await assert.rejects(container.performance.updateFromPoliceUk(systemPrincipal, coventry, typed), FieldValidationError);
      const fed = (await container.performance.indicators.list(coventry)).find((i) => i.name === 'Crime per 1,000 residents');
      assert.ok(fed);
      await assert.rejects(
        container.performance.recordMeasurement(
          systemPrincipal,
          coventry,
          fed.id,
          { period: '2016-17 Q2', value: '3', status: 'confirmed', note: null },
          null,
        ),
        FieldValidationError,
      );
    });

    it('refuses every typed write to a police.uk indicator: an imported row names its line, and a typed group table is refused', async () => {
      const fed = (await container.performance.indicators.list(coventry)).find((i) => i.name === 'Crime per 1,000 residents');
      assert.ok(fed);
      const before = await container.performance.measurements(coventry, fed.id);
      // One period police.uk gave, one it never did: neither is overwritten or made up, even when only good rows are asked for.
      const csv = [
        'indicator,period,value,status,note',
        `"${fed.name}",2015-16 Q4,1.5,confirmed,`,
        `"${fed.name}",2016-17 Q2,3,confirmed,`,
      ].join('\n');
      for (const goodRowsOnly of [false, true]) {
        const result = await container.performance.importMeasurements(systemPrincipal, coventry, csv, { goodRowsOnly });
        assert.equal(result.imported, 0);
        assert.deepEqual(
          result.problems.map((problem) => [problem.line, problem.message]),
          [2, 3].map((line) => [line, 'the figures of Crime per 1,000 residents are worked out from police.uk: update them from its page']),
        );
      }
      assert.deepEqual(await container.performance.measurements(coventry, fed.id), before);
      await assert.rejects(
        container.performance.saveMsgComparison(systemPrincipal, coventry, fed.id, {
          period: '2015-16 Q4',
          members: 'Coventry, 1.0\nPeer A, 2.0',
          selfName: 'Coventry',
          publishedAverage: null,
          source: 'Typed',
        }),
        (error) => error instanceof FieldValidationError && error.field === 'members' && /worked out from police\.uk/.test(error.message),
      );
      const { report } = await container.performance.report(coventry, '2015-16 Q4');
      assert.equal(report.indicators.find((figures) => figures.indicatorId === fed.id)?.msg?.source, policeUkGroupSource);
    });
  });
}
