import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { directionWords, exceptionWords, formatChange, formatValue, rankWords, statusWithBasis } from './format.ts';
import { seedDemoPerformance } from './index.ts';
import type { IndicatorFigures, PerformanceReport } from './report.ts';

const figuresOf = (report: PerformanceReport, name: string): IndicatorFigures => {
  const found = report.indicators.find((figures) => figures.name === name);
  assert.ok(found, `the report has ${name}`);
  return found;
};

for (const database of testDatabases()) {
  describe(`performance on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let boardId: string;
    const clock: Clock = { now: () => new Date('2016-07-01T09:00:00Z') };

    before(async () => {
      container = createContainer(testConfig, { clock, database: await database.create(), mailer: createLogMailer(() => undefined) });
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      boardId = (await container.governance.groups.list(coventry))[0]?.id ?? '';
      await seedDemoPerformance(container.governance, container.performance, coventry);
    });
    after(() => container.database.close());

    it('reproduces the figures of Coventry’s Quarter 4, 2015-16 report from its inputs', async () => {
      const { report } = await container.performance.report(coventry, '2015-16 Q4');
      const children = figuresOf(report, 'Domestic violence and abuse incidents with children present');
      assert.equal(formatChange(children.period, 'count'), '+1,090 (+147%)');
      assert.equal(children.direction, 'upward');
      // Monitored only, and +147% is past its red tolerance of 5%: an exception for the board to look at.
      assert.equal(children.exception, 'change');
      assert.equal(exceptionWords(children), 'Large change on last year (2015/16)');

      const sarc = figuresOf(report, 'Sexual Assault Referral Centre clients seen');
      assert.equal(sarc.periodLabel, 'Quarter 4, 2015/16');
      assert.deepEqual([sarc.period.previous, sarc.period.current], [127, 110]);
      assert.equal(formatChange(sarc.period, 'count'), '−17 (−13%)');
      assert.deepEqual([sarc.yearToDate?.previous, sarc.yearToDate?.current], [383, 446]);
      assert.equal(formatChange(sarc.yearToDate ?? sarc.period, 'count'), '+63 (+16%)');
      // Upward over the year, though its quarter fell: the page says over which period, and both.
      assert.equal(
        directionWords(sarc),
        'Upward over the year to date (+16% on last year); downward over Quarter 4, 2015/16 (−13% on last year)',
      );
      assert.equal(sarc.exception, 'change');
      assert.equal(exceptionWords(sarc), 'Large change on last year (year to date)');

      const repeat = figuresOf(report, 'Domestic violence and abuse: repeat victim rate');
      assert.equal(formatChange(repeat.period, 'percentage'), '−1.2 percentage points');
      assert.equal(repeat.direction, 'downward');
      // No target: judged against last year, where lower is better; better than last year is no exception.
      assert.equal(repeat.exception, null);
      assert.equal(statusWithBasis(repeat), 'No target: 2015/16 against the same period a year earlier');
      assert.equal(
        statusWithBasis({ ...repeat, yearToDate: sarc.yearToDate }),
        'No target: the year to date against the same months a year earlier',
      );
      assert.equal(statusWithBasis({ ...repeat, direction: null }), 'No target, and no figure a year earlier to compare with');

      const crime = figuresOf(report, 'Total recorded crime');
      assert.equal(formatChange(crime.period, 'count'), '−201 (−0.9%)');
      assert.equal(crime.direction, 'downward');

      const hate = figuresOf(report, 'Hate crime incidents reported');
      assert.equal(hate.direction, 'stable');
      assert.equal(hate.exception, null);

      const asb = figuresOf(report, 'Anti-social behaviour and nuisance incidents');
      assert.equal(asb.period.current, 2663);
      assert.equal(asb.yearToDate?.current, 11_408);
      // No figures for last year: a gap, not a fall from zero.
      assert.equal(asb.period.previous, null);
      assert.equal(asb.direction, null);
      assert.equal(asb.series.find((point) => point.period === '2014-15 Q4')?.value, null);

      const msg = figuresOf(report, 'Total recorded crime per 1,000 population, year to date').msg;
      assert.ok(msg);
      assert.equal(msg.rank, 1);
      assert.equal(msg.of, 15);
      assert.equal(msg.known, 11);
      assert.equal(msg.members.find((member) => member.isSelf)?.value, 62.176);
      assert.equal(formatValue(msg.average, 'rate_per_1000'), '85.4');
      // Ranked among the 11 with a figure, not the 15 in the group.
      assert.equal(rankWords(msg), '1 of the 11 with a figure (15 in the group)');
      assert.equal(msg.publishedAverage, 83.482);
      assert.deepEqual(
        msg.members.filter((member) => member.value === null).map((member) => member.name),
        ['Hertfordshire - Stevenage', 'Bedfordshire - Luton', 'Greater Manchester - Bolton', 'Staffordshire - Stoke on Trent'],
      );
    });

    it('publishes the report as approved, whatever is recorded afterwards', async () => {
      const { reports } = await container.performance.reports(coventry, { approvedOnly: true });
      assert.deepEqual(
        reports.map((report) => report.period),
        ['2015-16 Q4'],
      );
      const crime = (await container.performance.indicators.list(coventry)).find((i) => i.name === 'Total recorded crime');
      assert.ok(crime);
      await container.performance.recordMeasurement(
        systemPrincipal,
        coventry,
        crime.id,
        { period: '2015-16', value: '30,000', status: 'confirmed', note: null },
        (await container.performance.measurements(coventry, crime.id)).find((m) => m.period === '2015-16')?.version ?? -1,
      );
      const { report } = await container.performance.report(coventry, '2015-16 Q4', { approvedOnly: true });
      assert.equal(report.status, 'approved');
      assert.equal(report.approvedByName, 'Coventry Partnership Analyst');
      assert.equal(figuresOf(report, 'Total recorded crime').period.current, 23_100);
      await assert.rejects(
        container.performance.saveCommentary(systemPrincipal, coventry, '2015-16 Q4', crime.id, 'Too late'),
        FieldValidationError,
      );
      // A quarter without an approved report is not public.
      await assert.rejects(container.performance.report(coventry, '2016-17 Q1', { approvedOnly: true }));
    });

    it('imports a CSV all or nothing, reporting each bad row by its line', async () => {
      const csv = [
        'indicator,period,value,status,note',
        'Sexual Assault Referral Centre clients seen,2016-17 Q1,120,provisional,',
        'Sexual Assault Referral Centre clients seen,Q5 2016-17,118,,',
        'Burglary,2016-17 Q1,5,,',
      ].join('\r\n');
      const refused = await container.performance.importMeasurements(systemPrincipal, coventry, csv, { goodRowsOnly: false });
      assert.equal(refused.imported, 0);
      assert.deepEqual(
        refused.problems.map((problem) => problem.line),
        [3, 4],
      );
      assert.match(refused.problems[1]?.message ?? '', /no indicator called "Burglary"/);
      const sarc = (await container.performance.indicators.list(coventry)).find((i) => i.name.startsWith('Sexual Assault'));
      assert.ok(sarc);
      assert.ok(!(await container.performance.measurements(coventry, sarc.id)).some((m) => m.period === '2016-17 Q1'));

      const good = await container.performance.importMeasurements(systemPrincipal, coventry, csv, { goodRowsOnly: true });
      assert.deepEqual([good.imported, good.added, good.changed], [1, 1, 0]);
      const again = await container.performance.importMeasurements(systemPrincipal, coventry, csv.replace(',120,', ',121,'), {
        goodRowsOnly: true,
      });
      assert.deepEqual([again.imported, again.added, again.changed], [1, 0, 1]);
      const q1 = (await container.performance.measurements(coventry, sarc.id)).find((m) => m.period === '2016-17 Q1');
      assert.equal(q1?.value, 121);
      const audited = await container.audit.list({ partnershipId: coventry, entityType: 'measurement' }, { limit: 500, offset: 0 });
      assert.ok(audited.rows.some((row) => row.summary.includes('Changed the figure of Sexual Assault Referral Centre clients seen')));
    });

    it('judges a target: the year to date against its share of the year, with the RAG rule', async () => {
      const id = await container.performance.indicators.create(systemPrincipal, coventry, {
        name: 'Burglary dwelling',
        definition: 'Burglaries of homes recorded by the police',
        unit: 'count',
        polarity: 'lower_better',
        frequency: 'quarterly',
        source: 'West Midlands Police',
        ownerGroupId: boardId,
        priorityId: null,
        baselinePeriod: '2015/16',
        baselineValue: 1000,
        targetKind: 'change',
        targetValue: -20,
        stableWithinPercent: 1,
        redBeyondPercent: 5,
      });
      const record = (period: string, value: string) =>
        container.performance.recordMeasurement(systemPrincipal, coventry, id, { period, value, status: 'provisional', note: null }, null);
      await record('2016-17 Q1', '200');
      await record('2016-17 Q2', '215');
      // 800 for the year is 400 by the end of Q2; 415 is 3.75% worse: amber, under-performing.
      let { report } = await container.performance.report(coventry, '2016-17 Q2');
      let burglary = figuresOf(report, 'Burglary dwelling');
      assert.equal(burglary.target?.value, 400);
      assert.match(burglary.target?.text ?? '', /−20% on 2015\/16 \(1,000\): 800 for the year, 400 for the year to date/);
      assert.deepEqual([burglary.targetStatus, burglary.rag, burglary.exception], ['not_on_target', 'amber', 'under']);
      assert.equal(burglary.provisional, true);
      await record('2016-17 Q3', '150');
      ({ report } = await container.performance.report(coventry, '2016-17 Q3'));
      burglary = figuresOf(report, 'Burglary dwelling');
      // 565 against 600: ahead of target, over-performing.
      assert.deepEqual([burglary.targetStatus, burglary.rag, burglary.exception], ['ahead', 'green', 'over']);
      // Adding a figure for a period already recorded with a stale version is refused.
      const [q1] = await container.performance.measurements(coventry, id);
      await assert.rejects(
        container.performance.recordMeasurement(
          systemPrincipal,
          coventry,
          id,
          { period: '2016-17 Q1', value: '1', status: 'confirmed', note: null },
          (q1?.version ?? 0) + 5,
        ),
        ConflictError,
      );
      await assert.rejects(
        container.performance.recordMeasurement(
          systemPrincipal,
          coventry,
          id,
          { period: '2016-17 Q5', value: '1', status: 'confirmed', note: null },
          null,
        ),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'period',
      );
      await assert.rejects(
        container.performance.recordMeasurement(
          systemPrincipal,
          coventry,
          id,
          { period: '2016-17 Q4', value: '1.5', status: 'confirmed', note: null },
          null,
        ),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'value',
      );
    });

    it('puts only an approved report on a meeting’s agenda, as an item with the PDF as its paper', async () => {
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2016-07-21');
      await assert.rejects(
        container.performance.attachToMeeting(systemPrincipal, coventry, '2016-17 Q1', meetingId, true),
        FieldValidationError,
      );
      const title = await container.performance.attachToMeeting(systemPrincipal, coventry, '2015-16 Q4', meetingId, true);
      assert.equal(title, 'Exception report, Quarter 4, 2015/16');
      const { sections } = await container.papers.meetingPapers(coventry, meetingId, 'group');
      const item = sections.flatMap((section) => section.items).find((candidate) => candidate.title === title);
      assert.ok(item, 'the agenda has the report');
      assert.equal(item.papers.length, 1);
      assert.equal(item.papers[0]?.kindName, 'PDF');
      const { content } = await container.papers.file(systemPrincipal, coventry, meetingId, item.papers[0]?.id ?? '');
      assert.equal(content.subarray(0, 5).toString(), '%PDF-');
    });
  });
}
