import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { refusal } from '../../../test/helpers/refusal.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { type Container, createContainer } from '../../container.ts';
import { type Actor, systemPrincipal } from '../../platform/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { formatMoney, formatMoneyChange, formatPercentChange } from '../../platform/numbers.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { seedDemoFunding } from './demo/funding.seed.ts';
import { beyondReasonField } from './funding.service.ts';
import { leftOrOverspent, missingReturnText, returnsStanding, returnsStatement, unspent } from './position.ts';

const grant2017 = {
  yearStarting: 2017,
  funder: 'West Midlands Police and Crime Commissioner',
  amount: 40_000_00,
  previousAmount: null,
  carryOver: 0,
  notes: null,
};

const allocation = (purpose: string, pounds: number, theme = 'Operational Activity for Locations') => ({
  theme,
  purpose,
  granteeKind: 'organisation' as const,
  grantee: 'Whitefriars Mediation Service',
  amount: pounds * 100,
  priorityId: null,
});

for (const database of testDatabases()) {
  describe(`funding on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let boardId: string;
    let today = '2016-07-13T09:00:00Z';
    const clock: Clock = { now: () => new Date(today) };
    const officer: Actor = { userId: null };
    let chair: Actor;

    before(async () => {
      container = createContainer(testConfig, { clock, database: await database.create(), mailer: createLogMailer(() => undefined) });
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      boardId = (await container.governance.groups.list(coventry)).find((g) => g.parentId === null)?.id ?? '';
      await seedDemoFunding(container, coventry);
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'chair@example.com',
        name: 'Cllr Ruane',
        password: 'a long enough password',
        isAdmin: false,
      });
      chair = { userId };
    });
    after(() => container.database.close());

    it('reproduces Coventry’s 2016/17 funding decisions from their inputs', async () => {
      const year = await container.funding.year(coventry, 2016);
      assert.equal(formatMoney(year.grant.amount), '£409,728');
      assert.ok(year.change);
      assert.equal(formatMoneyChange(year.change.difference), '−£136,576');
      assert.equal(formatPercentChange(year.change.percent), '−25%');
      assert.equal(year.change.percent, -25);
      assert.equal(formatMoney(year.grant.carryOver), '£82,750');
      assert.equal(year.position.available, 492_478_00);
      assert.equal(year.allocations.length, 18);
      assert.equal(year.position.allocated, 492_478_00, 'the allocations total £492,478.00');
      assert.equal(year.position.unallocated, 0, 'nothing is left to allocate');
      const contingency = year.allocations.find((a) => a.purpose === 'Local initiative & contingency');
      assert.equal(contingency?.amount, 4_813_00);
      assert.equal(contingency?.granteeText, 'To be commissioned');
      assert.equal(year.allocations.find((a) => a.reference === 3)?.granteeText, 'Not named in the decision');
      assert.deepEqual(
        year.position.themes.map((t) => [t.theme, t.allocated / 100]),
        [
          ['Partnership Functions & Statutory Responsibilities', 74_000],
          ['Support for Victims & Vulnerable People', 85_415],
          ['Management of Perpetrators & Offenders including gangs & OCGs', 173_750],
          ['Operational Activity for Locations', 97_313],
          ['Tackle causes and drivers of crime, nuisance and harm', 62_000],
        ],
      );
      // Agreed by the board's decision in its minutes, and released by the chair.
      assert.ok(year.allocations.every((a) => a.state === 'released' && a.decision?.groupName.includes('Board')));
      const { events } = await container.funding.allocation(coventry, 2016, contingency?.id ?? '');
      assert.deepEqual(
        events.map((e) => e.state),
        ['proposed', 'agreed', 'released'],
      );
      assert.match(events[1]?.decision?.href ?? '', /\/meetings\/.+\/items\/.+\/minutes$/);
    });

    it('keeps the outcome of the decision that allocations rest on, while its wording can be put right', async () => {
      const { allocations } = await container.funding.year(coventry, 2016);
      const decisionId = allocations[0]?.decision?.id;
      const decision = (await container.minutes.decisionsRegister(coventry, systemPrincipal)).find((d) => d.id === decisionId);
      assert.ok(decision);
      const change = (outcome: 'agreed' | 'not_agreed', wording: string, version: number) =>
        container.minutes.changeEntry(officer, coventry, decision.meetingId, decision.agendaItemId, decision.id, version, {
          kind: 'decision',
          input: { outcome, wording, recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null },
        });
      assert.equal(
        await refusal(change('not_agreed', decision.wording, decision.version), 'outcome'),
        'The outcome cannot change: 18 allocations of funding rest on this decision. Change its wording, or record a correction once the minutes are approved.',
      );
      await change('agreed', `${decision.wording} (as amended)`, decision.version);
      const kept = (await container.minutes.decisionsRegister(coventry, systemPrincipal)).find((d) => d.id === decisionId);
      assert.deepEqual([kept?.outcome, kept?.wording], ['agreed', `${decision.wording} (as amended)`]);
      assert.ok((await container.funding.year(coventry, 2016)).allocations.every((a) => a.state === 'released'));
    });

    it('refuses an allocation that would take the total past the money available, saying what is left', async () => {
      const message = await refusal(container.funding.propose(officer, coventry, 2016, allocation('Another patrol', 1)), 'amount');
      assert.equal(message, 'This would allocate £1 more than the £492,478 available for 2016/17: nothing is left to allocate');
    });

    it('takes allocations from proposal through the board’s decision to the chair’s release', async () => {
      today = '2017-05-02T09:00:00Z';
      await container.funding.recordGrant(officer, coventry, grant2017);
      const year = await container.funding.year(coventry, 2017);
      // Last year's grant is the one recorded here.
      assert.equal(year.grant.previousAmount, 409_728_00);
      const mediation = await container.funding.propose(
        officer,
        coventry,
        2017,
        allocation('Mediation for Neighbourhood disputes', 30_000),
      );
      const clearances = await container.funding.propose(officer, coventry, 2017, allocation('Alley way clearances', 10_000));
      const over = await refusal(container.funding.propose(officer, coventry, 2017, allocation('CCTV', 1)), 'amount');
      assert.match(over, /£1 more than the £40,000 available for 2017\/18/);
      // Nor can the grant fall below what is allocated.
      const { grant } = await container.funding.year(coventry, 2017);
      await refusal(container.funding.changeGrant(officer, coventry, 2017, grant.version, { ...grant2017, amount: 39_999_00 }), 'amount');
      // Changing one down frees money for another.
      const { allocation: first } = await container.funding.allocation(coventry, 2017, mediation);
      await container.funding.changeAllocation(officer, coventry, 2017, mediation, first.version, allocation('Mediation', 25_000));
      const cctv = await container.funding.propose(officer, coventry, 2017, allocation('CCTV', 5_000));
      assert.equal((await container.funding.year(coventry, 2017)).position.unallocated, 0);

      // Only a board decision agreeing something will do: a sub-group's, or one noted, will not.
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2017-05-18');
      const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'PCC funding 2017/18');
      const decision = (outcome: 'agreed' | 'noted') => ({
        outcome,
        wording: `The Board ${outcome} the allocations`,
        recommendedTo: null,
        votesFor: null,
        votesAgainst: null,
        votesAbstaining: null,
      });
      // Minuted once the meeting has started, as any decision is; the year then goes on from the day it was.
      const before = today;
      today = '2017-05-18T15:00:00Z';
      const noted = await container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, decision('noted'));
      const agreed = await container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, decision('agreed'));
      today = before;
      assert.ok(!(await container.funding.boardDecisions(coventry)).some((d) => d.id === noted));
      await refusal(container.funding.agree(officer, coventry, 2017, noted, [mediation]), 'decisionId');
      await refusal(container.funding.agree(officer, coventry, 2017, agreed, []), 'allocationIds');
      assert.equal(await container.funding.agree(officer, coventry, 2017, agreed, [mediation, clearances]), 2);
      // Released only once agreed; an agreed allocation cannot be changed.
      await refusal(container.funding.release(chair, coventry, 2017, [mediation, cctv]), 'allocationIds');
      assert.equal(await container.funding.release(chair, coventry, 2017, [mediation, clearances]), 2);
      const { allocation: released, events } = await container.funding.allocation(coventry, 2017, mediation);
      await refusal(
        container.funding.changeAllocation(officer, coventry, 2017, mediation, released.version, allocation('Mediation', 1)),
        'form',
      );
      // Nor can an officer take back what the board agreed, or what the chair released.
      await refusal(container.funding.withdraw(officer, coventry, 2017, mediation, released.version), 'form');
      assert.deepEqual(
        events.map((e) => [e.state, e.byName]),
        [
          ['proposed', null],
          ['agreed', null],
          ['released', 'Cllr Ruane'],
        ],
      );
      assert.equal(released.decision?.wording, 'The Board agreed the allocations');
      // A withdrawn proposal frees its money.
      const { allocation: third } = await container.funding.allocation(coventry, 2017, cctv);
      await container.funding.withdraw(officer, coventry, 2017, cctv, third.version);
      assert.equal((await container.funding.year(coventry, 2017)).position.unallocated, 5_000_00);
    });

    it('takes a quarter’s spend from the form and from CSV, all or nothing, and works out the position', async () => {
      today = '2017-07-10T09:00:00Z';
      const year = await container.funding.year(coventry, 2017);
      const [mediation, clearances, cctv] = year.allocations;
      assert.ok(mediation && clearances && cctv);
      assert.deepEqual(year.begun, [1, 2]);
      // Not for a quarter still to come, nor against money the chair has not released.
      await refusal(
        container.funding.saveSpend(officer, coventry, 2017, 3, [{ allocationId: mediation.id, spent: 1_00, forecast: null }]),
        'form',
      );
      await refusal(
        container.funding.saveSpend(officer, coventry, 2017, 1, [{ allocationId: cctv.id, spent: 1_00, forecast: null }]),
        `spent-${cctv.id}`,
      );
      await container.funding.saveSpend(officer, coventry, 2017, 1, [
        { allocationId: mediation.id, spent: 6_000_00, forecast: null },
        { allocationId: clearances.id, spent: 2_500_00, forecast: 9_000_00 },
      ]);
      const bad = 'reference,purpose,quarter,spent,forecast\r\n1,Mediation,Q2,"£6,250.50",\r\n2,Clearances,Q2,lots,\r\n';
      const refused = await container.funding.importSpend(officer, coventry, 2017, bad, false);
      assert.deepEqual(
        refused.problems.map((p) => p.line),
        [3],
      );
      assert.equal(refused.imported, 0);
      let position = (await container.funding.year(coventry, 2017)).position;
      assert.equal(position.throughQuarter, 1, 'nothing of the file was imported');

      const imported = await container.funding.importSpend(officer, coventry, 2017, bad, true);
      assert.equal(imported.imported, 1);
      position = (await container.funding.year(coventry, 2017)).position;
      assert.equal(position.throughQuarter, 2);
      const line = position.allocations.find((a) => a.id === mediation.id);
      assert.equal(line?.spentToDate, 12_250_50);
      assert.equal(position.allocations.find((a) => a.id === clearances.id)?.forecast, 9_000_00);
      assert.equal(position.total.variance, 1_000_00, 'clearances forecast £1,000 under its £10,000');
      assert.deepEqual(position.total.missingReturns, [2], 'clearances have not returned Q2');
    });

    it('carries the year’s underspend into the next when the funder agrees it, once every return is in', async () => {
      await refusal(container.funding.requestCarryOver(officer, coventry, 2017, { amount: 1_00, reason: 'Underspend' }), 'amount');
      today = '2018-04-03T09:00:00Z';
      const year = await container.funding.year(coventry, 2017);
      assert.ok(year.ended);
      const [mediation, clearances] = year.allocations;
      assert.ok(mediation && clearances);
      // A missing return is not £0 spent: the underspend is known only once every return is in.
      const owing = await refusal(
        container.funding.requestCarryOver(officer, coventry, 2017, { amount: 1_00, reason: 'Underspend' }),
        'amount',
      );
      assert.equal(
        owing,
        'Enter every spend return of 2017/18 before asking for a carry-over: allocations 1 (Q3, Q4); 2 (Q2, Q3, Q4) have none',
      );
      const spend = (quarter: 2 | 3 | 4, onMediation: number | null, onClearances: number) =>
        container.funding.saveSpend(officer, coventry, 2017, quarter, [
          ...(onMediation === null ? [] : [{ allocationId: mediation.id, spent: onMediation, forecast: null }]),
          { allocationId: clearances.id, spent: onClearances, forecast: null },
        ]);
      await spend(2, null, 1_000_00);
      await spend(3, 5_000_00, 1_000_00);
      await spend(4, 4_000_00, 1_500_00);
      // £40,000 available; £21,250.50 spent on mediation and £6,000 on clearances.
      const tooMuch = await refusal(
        container.funding.requestCarryOver(officer, coventry, 2017, { amount: 20_000_00, reason: 'Underspend' }),
        'amount',
      );
      assert.equal(tooMuch, 'The carry-over cannot be more than the year’s underspend of £12,749.50');
      await container.funding.requestCarryOver(officer, coventry, 2017, { amount: 12_000_00, reason: 'Mediation started late' });
      const requested = (await container.funding.year(coventry, 2017)).carryOver;
      assert.equal(requested?.state, 'requested');

      // The year is closed: its figures stand while the funder decides.
      await refusal(container.funding.propose(officer, coventry, 2017, allocation('Late idea', 1)), 'amount');
      await refusal(spend(4, 1_00, 1_00), 'form');

      // Next year's grant cannot count on the carry-over before the funder agrees it.
      const waiting = await refusal(
        container.funding.recordGrant(officer, coventry, { ...grant2017, yearStarting: 2018, carryOver: 12_000_00 }),
        'carryOver',
      );
      assert.match(waiting, /is waiting for the funder’s decision: enter 0 for now/);
      await container.funding.recordGrant(officer, coventry, { ...grant2017, yearStarting: 2018, carryOver: 0 });

      await refusal(
        container.funding.decideCarryOver(chair, coventry, 2017, requested?.version ?? 0, {
          decision: 'agreed',
          amount: 15_000_00,
          note: null,
        }),
        'amount',
      );
      await container.funding.decideCarryOver(chair, coventry, 2017, requested?.version ?? 0, {
        decision: 'agreed',
        amount: 10_000_00,
        note: 'For mediation only',
      });
      assert.equal(await container.funding.agreedCarryOverInto(coventry, 2018), 10_000_00);
      // Agreed, it is next year's carry-over, on the grant already recorded.
      const next = await container.funding.year(coventry, 2018);
      assert.equal(next.grant.carryOver, 10_000_00);
      assert.equal(next.position.available, 50_000_00);
      assert.equal(next.grant.carryOverAgreed?.by, 'Cllr Ruane');
      const wrong = await refusal(
        container.funding.changeGrant(officer, coventry, 2018, next.grant.version, { ...grant2017, yearStarting: 2018, carryOver: 0 }),
        'carryOver',
      );
      assert.equal(wrong, 'The funder agreed a carry-over of £10,000 from 2017/18: enter that');
    });

    it('leaves next year without a carry-over the funder declined', async () => {
      const plymouth = (await container.governance.partnerships.list(null)).find((p) => p.shortName.includes('Plymouth'))?.id ?? '';
      await container.funding.recordGrant(officer, plymouth, { ...grant2017, funder: 'Devon and Cornwall PCC' });
      await container.funding.requestCarryOver(officer, plymouth, 2017, { amount: 5_000_00, reason: 'Nothing was spent' });
      const { carryOver } = await container.funding.year(plymouth, 2017);
      await container.funding.decideCarryOver(chair, plymouth, 2017, carryOver?.version ?? 0, {
        decision: 'declined',
        amount: null,
        note: 'Spend it',
      });
      assert.equal((await container.funding.year(plymouth, 2017)).carryOver?.state, 'declined');
      const declined = await refusal(
        container.funding.recordGrant(officer, plymouth, { ...grant2017, yearStarting: 2018, carryOver: 5_000_00 }),
        'carryOver',
      );
      assert.equal(declined, 'The funder declined the carry-over from 2017/18: enter 0');
      const [partnership] = await container.governance.partnerships.list(null, { id: plymouth });
      const { rows } = await container.funding.area(partnership?.areaId ?? '', 2017);
      assert.deepEqual(
        rows.filter((r) => r.partnershipId === plymouth).map((r) => [r.carryOverState, r.carryOverRequested, r.carryOverAgreed]),
        [['declined', 5_000_00, null]],
      );
    });

    it('draws the quarterly financial report and puts it on a board meeting still to come', async () => {
      const report = await container.funding.report(coventry, 2017, 2);
      assert.equal(report.quarterLabel, 'Quarter 2, 2017/18 (July to September 2017)');
      const pdf = await container.funding.reportFile(coventry, 2017, 2, 'pdf');
      assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
      const docx = await container.funding.reportFile(coventry, 2017, 2, 'docx');
      assert.equal(docx.bytes.subarray(0, 2).toString(), 'PK');
      const past = await scheduleMeeting(container.meetings, coventry, boardId, '2018-01-18');
      await refusal(container.funding.attachReport(officer, coventry, 2017, 2, past), 'meetingId');
      const next = await scheduleMeeting(container.meetings, coventry, boardId, '2018-04-19');
      const title = await container.funding.attachReport(officer, coventry, 2017, 2, next);
      const items = (await container.agenda.agenda(coventry, next)).flatMap((section) => section.items);
      assert.ok(items.some((item) => item.title === title));
    });

    it('sets the area’s partnerships side by side for the funder', async () => {
      const [partnership] = await container.governance.partnerships.list(null, { id: coventry });
      const { rows, years } = await container.funding.area(partnership?.areaId ?? '', 2016);
      assert.deepEqual(years, [2018, 2017, 2016]);
      assert.equal((await container.funding.area(partnership?.areaId ?? '', null)).yearStarting, 2018, 'the latest year with a grant');
      const row = rows.find((r) => r.partnershipId === coventry);
      assert.deepEqual(
        [row?.grant, row?.carryOver, row?.available, row?.allocated, row?.released, row?.spentToDate, row?.spendThrough],
        [409_728_00, 82_750_00, 492_478_00, 492_478_00, 492_478_00, 0, null],
      );
      await assert.rejects(container.funding.year(coventry, 2030), NotFoundError);
    });

    it('links an allocation agreed in Part II without repeating the decision’s wording', async () => {
      const plymouth = (await container.governance.partnerships.list(null)).find((p) => p.shortName.includes('Plymouth'))?.id ?? '';
      const board = (await container.governance.groups.list(plymouth)).find((g) => g.parentId === null);
      assert.ok(board);
      const meetingId = await scheduleMeeting(container.meetings, plymouth, board.id, '2017-06-15');
      const itemId = await addAgendaItem(container.agenda, plymouth, meetingId, 'Commissioning', { confidential: true });
      await container.funding.recordGrant(officer, plymouth, { ...grant2017, yearStarting: 2019, carryOver: 0 });
      const provider = await container.funding.propose(officer, plymouth, 2019, allocation('Named provider', 1_000));
      const decisionId = await container.minutes.addDecision(systemPrincipal, plymouth, meetingId, itemId, {
        outcome: 'agreed',
        wording: 'The Board agreed to fund the named provider',
        recommendedTo: null,
        votesFor: null,
        votesAgainst: null,
        votesAbstaining: null,
      });
      await container.funding.agree(officer, plymouth, 2019, decisionId, [provider]);
      const { allocation: agreed } = await container.funding.allocation(plymouth, 2019, provider);
      // Funding pages and reports reach the whole partnership and its funder: the wording stays in the minutes.
      assert.equal(agreed.decision?.wording, 'A confidential (Part II) decision: its wording is in the minutes');
      assert.match(agreed.decision?.href ?? '', new RegExp(`/items/${itemId}/minutes$`));
    });

    it('lets one of ten changes made from the same version through, and tells the others', async () => {
      const plymouth = (await container.governance.partnerships.list(null)).find((p) => p.shortName.includes('Plymouth'))?.id ?? '';
      const id = await container.funding.propose(officer, plymouth, 2019, allocation('Street lighting', 2_000));
      const { allocation: proposed } = await container.funding.allocation(plymouth, 2019, id);
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, index) =>
          container.funding.changeAllocation(
            officer,
            plymouth,
            2019,
            id,
            proposed.version,
            allocation(`Street lighting, version ${index}`, 2_001 + index),
          ),
        ),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      assert.equal(refused.length, 9);
      assert.ok(refused.every((reason) => reason instanceof ConflictError));
      const { allocation: after } = await container.funding.allocation(plymouth, 2019, id);
      assert.equal(after.version, proposed.version + 1);
      const { rows } = await container.audit.list({ entityType: 'allocation', partnershipId: plymouth }, { limit: 100, offset: 0 });
      const entries = rows.filter((row) => row.entityId === id && row.summary.startsWith('Changed allocation'));
      assert.equal(entries.length, 1, 'one audit entry, for the change that was made');
      assert.ok(entries[0]?.summary.endsWith(`: ${after.purpose}`), 'the audit entry is of the change that was saved');
    });
  });

  // The demo as a new user meets it: Coventry's 2016/17 allocations released at the board meeting of 21 April 2016, as
  // the demo records them, with no spend returned since.
  describe(`the demo's funding, released in April 2016 with no spend returned, on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    const officer: Actor = { userId: null };

    before(async () => {
      const clock: Clock = { now: () => new Date('2026-12-06T09:00:00Z') };
      container = createContainer(testConfig, { clock, database: await database.create(), mailer: createLogMailer(() => undefined) });
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      await seedDemoFunding(container, coventry);
    });
    after(() => container.database.close());

    it('does not offer an underspend built on 72 missing returns as final, and names them', async () => {
      const yearEnd = await container.funding.report(coventry, 2016, 4);
      assert.equal(unspent(yearEnd.position), 492_478_00, 'the whole money available, because no spend is returned');
      const standing = returnsStanding(yearEnd.position);
      assert.equal(standing.complete, false);
      assert.equal(standing.missing.length, 18);
      assert.deepEqual([standing.due, standing.received], [72, 0]);
      assert.ok(standing.missing.every((line) => line.quarters.join() === '1,2,3,4'));
      assert.equal(
        returnsStatement(standing),
        'Provisional: 72 spend returns are missing, from 18 allocations (0 of 72 owed by the end of Quarter 4 are in). A missing return is not £0 spent, so spend to date and the underspend are not final until they are in.',
      );
      assert.ok(
        standing.missing
          .map(missingReturnText)
          .includes('Allocation 6, DVA perpetrator mentoring programme (Mentoring West Midlands): no return for Q1, Q2, Q3 and Q4'),
      );
      // The year's own page takes its position to the end of the year, long over, not to Quarter 1 for want of a return.
      const year = await container.funding.year(coventry, 2016);
      assert.equal(year.position.throughQuarter, 4);
      assert.equal(returnsStanding(year.position).due, 72);
      // Quarter 1's report is provisional too, rather than "every return is in": each allocation owed its first return.
      const first = await container.funding.report(coventry, 2016, 1);
      assert.equal(
        returnsStatement(returnsStanding(first.position)),
        'Provisional: 18 spend returns are missing, from 18 allocations (0 of 18 owed by the end of Quarter 1 are in). A missing return is not £0 spent, so spend to date and the underspend are not final until they are in.',
      );
      await refusal(container.funding.requestCarryOver(officer, coventry, 2016, { amount: 1_00, reason: 'Underspend' }), 'amount');
    });

    it('saves spend beyond an allocation only with a reason, audited, and shows the overspend in the variance', async () => {
      const year = await container.funding.year(coventry, 2016);
      const mentoring = year.allocations.find((a) => a.purpose === 'DVA perpetrator mentoring programme');
      assert.equal(mentoring?.amount, 55_000_00);
      const id = mentoring?.id ?? '';
      await container.funding.saveSpend(officer, coventry, 2016, 3, [{ allocationId: id, spent: 13_750_00, forecast: null }]);
      const typo = [{ allocationId: id, spent: 99_999_999_00, forecast: null }];
      const message = await refusal(container.funding.saveSpend(officer, coventry, 2016, 4, typo), beyondReasonField);
      assert.equal(
        message,
        'This return takes allocation 6 to £100,013,749, £99,958,749 past its £55,000: give the reason for spending beyond the allocation, and confirm it',
      );
      assert.equal((await container.funding.year(coventry, 2016)).allocations.find((a) => a.id === id)?.spend.length, 1, 'nothing saved');

      await container.funding.saveSpend(officer, coventry, 2016, 4, typo, 'The funder paid for a second programme through us');
      const line = (await container.funding.report(coventry, 2016, 4)).position.allocations.find((a) => a.id === id);
      assert.equal(line?.spentToDate, 100_013_749_00);
      assert.equal(line?.forecast, 100_013_749_00, 'the year cannot be expected to come in under what is spent');
      assert.equal(line?.variance, -99_958_749_00);
      assert.equal(line?.underspend, -99_958_749_00);
      assert.equal(leftOrOverspent(line?.variance ?? 0), '£99,958,749 overspent');
      const { rows } = await container.audit.list({ entityType: 'spend_return', partnershipId: coventry }, { limit: 10, offset: 0 });
      assert.ok(
        rows.some(
          (row) =>
            row.entityId === id &&
            row.summary ===
              'Spend for Q4 2016/17 on allocation 6: £99,999,999, beyond its allocation of £55,000, because: The funder paid for a second programme through us',
        ),
      );
      // A file has no place for the reason, so it cannot take spend past an allocation.
      const file = 'reference,purpose,quarter,spent,forecast\r\n7,Youth Offending,Q4,"£90,000",\r\n';
      const imported = await container.funding.importSpend(officer, coventry, 2016, file, false);
      assert.equal(imported.imported, 0);
      assert.match(imported.fileProblem ?? '', /^The file takes allocation 7 to £90,000, £5,000 past its £85,000, so nothing was imported/);
    });

    it('keeps ten returns sent at once within the allocation unless a reason is given', async () => {
      const year = await container.funding.year(coventry, 2016);
      const civil = year.allocations.find((a) => a.reference === 8);
      assert.equal(civil?.amount, 33_750_00);
      const id = civil?.id ?? '';
      // Each on its own is within the £33,750; any two quarters together are not.
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, index) =>
          container.funding.saveSpend(officer, coventry, 2016, ((index % 4) + 1) as 1 | 2 | 3 | 4, [
            { allocationId: id, spent: 20_000_00, forecast: null },
          ]),
        ),
      );
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      assert.ok(refused.length >= 6);
      assert.ok(refused.every((reason) => reason instanceof FieldValidationError && reason.field === beyondReasonField));
      const spend = (await container.funding.year(coventry, 2016)).allocations.find((a) => a.id === id)?.spend ?? [];
      assert.equal(spend.length, 1, 'one quarter saved');
      assert.ok(spend.reduce((sum, entry) => sum + entry.spent, 0) <= 33_750_00);
    });
  });
}
