/**
 * Dates and times as people type them, on real forms across the service: a meeting's date and start time, an
 * action's due date, a membership's start date and the audit log's date filter. Each takes "jan", "27" and "10am",
 * stores the clear value, and refuses nonsense with GOV.UK's message next to the field and the typed text kept.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../src/container.ts';
import { systemPrincipal } from '../src/platform/principal.ts';
import type { Browser } from './helpers/app.ts';
import { build, suiteScope } from './helpers/build.ts';
import { addAgendaItem, scheduleMeeting } from './helpers/meetings.ts';

/** The class list of a date input's box, to see which boxes are highlighted. */
const boxClasses = (body: string, id: string) => new RegExp(`class="([^"]*)" id="${id}"`).exec(body)?.[1] ?? '';

describe('dates and times typed into forms', () => {
  const scope = suiteScope();
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;

  before(async () => {
    ({ container, client: officer, coventry, boardId } = await build(scope, { as: 'officer' }));
  });

  const meetingForm = (date: [string, string, string], startTime: string) => ({
    groupId: boardId,
    kind: 'extraordinary',
    'meetingDate-day': date[0],
    'meetingDate-month': date[1],
    'meetingDate-year': date[2],
    startTime,
    location: 'Committee Room 3',
  });

  it('adds a meeting on " 14 jan 27 " at "10am", stored as 14 January 2027 at 10:00', async () => {
    const added = await officer.post(`/partnerships/${coventry}/meetings`, meetingForm([' 14 ', 'jan', '27 '], '10am'));
    assert.equal(added.statusCode, 302);
    const [meeting] = await container.meetings.list(coventry, { groupId: boardId, from: '2027-01-14', to: '2027-01-14' });
    assert.equal(meeting?.meetingDate, '2027-01-14');
    assert.equal(meeting.startTime, '10:00');
    const page = await officer.get(String(added.headers.location));
    assert.match(page.body, /Thursday 14 January 2027 at 10:00/);

    const afternoon = await officer.post(`/partnerships/${coventry}/meetings`, meetingForm(['15', 'January', '2027'], '2.30pm'));
    assert.equal(afternoon.statusCode, 302);
    const [later] = await container.meetings.list(coventry, { groupId: boardId, from: '2027-01-15', to: '2027-01-15' });
    assert.equal(later?.startTime, '14:30');
  });

  it('refuses a month it cannot read and a time it cannot read, highlighting only the month, keeping what was typed', async () => {
    const wrong = await officer.post(`/partnerships/${coventry}/meetings`, meetingForm(['14', 'Janvier', '27'], 'ten'));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#meetingDate-month">The date of the meeting must be a real date/);
    assert.match(wrong.body, /id="meetingDate-error"[\s\S]*?The date of the meeting must be a real date/);
    assert.match(boxClasses(wrong.body, 'meetingDate-month'), /govuk-input--error/);
    assert.doesNotMatch(boxClasses(wrong.body, 'meetingDate-day'), /govuk-input--error/);
    assert.doesNotMatch(boxClasses(wrong.body, 'meetingDate-year'), /govuk-input--error/);
    assert.match(wrong.body, /name="meetingDate-month" type="text" value="Janvier"/);
    assert.match(wrong.body, /name="meetingDate-year" type="text" value="27"/);
    assert.match(wrong.body, /id="startTime-error"[\s\S]*?Enter the start time as, for example, 10am or 14:30/);
    assert.match(wrong.body, /name="startTime" type="text" value="ten"/);

    const noDay = await officer.post(`/partnerships/${coventry}/meetings`, meetingForm(['', 'feb', '2027'], '10'));
    assert.equal(noDay.statusCode, 400);
    assert.match(noDay.body, /href="#meetingDate-day">The date of the meeting must include a day/);
    assert.match(noDay.body, /Enter the start time with am or pm, for example 10am or 10pm, or as 10:00/);

    const notReal = await officer.post(`/partnerships/${coventry}/meetings`, meetingForm(['30', 'Feb', '2027'], '14:00'));
    assert.match(notReal.body, /The date of the meeting must be a real date/);
    assert.match(boxClasses(notReal.body, 'meetingDate-day'), /govuk-input--error/);
    assert.doesNotMatch(boxClasses(notReal.body, 'meetingDate-month'), /govuk-input--error/);
    assert.equal((await container.meetings.list(coventry, { groupId: boardId, from: '2027-02-01', to: '2027-02-28' })).length, 0);
  });

  it('logs an action due "31 Sept 26" as refused on the day, and "30 Sept 26" as due 30 September 2026', async () => {
    const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2016-10-20');
    const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Designated Public Places Order');
    const base = `/partnerships/${coventry}/meetings/${meetingId}/items/${itemId}/minutes`;
    const action = (day: string) => ({
      intent: 'record:action',
      description: 'Report progress on the DPPO',
      ownerKind: 'other',
      owner: 'All agencies',
      'dueDate-day': day,
      'dueDate-month': 'Sept',
      'dueDate-year': '26',
    });
    const wrong = await officer.post(base, action('31'));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#dueDate-day">The due date must be a real date/);
    assert.match(wrong.body, /name="dueDate-month" type="text" value="Sept"/);
    assert.match(wrong.body, />Report progress on the DPPO</);

    assert.equal((await officer.post(base, action('30'))).statusCode, 302);
    const [logged] = await container.actions.actionLog(coventry, systemPrincipal, { status: 'open' });
    assert.equal(logged?.dueDate, '2026-09-30');
  });

  it('adds a membership starting "1 April 16" from 1 April 2016', async () => {
    const person = (await container.governance.people.list(coventry)).find((p) => p.name === 'Gurmit Shoker');
    const organisation = (await container.governance.organisations.list(coventry)).find((o) => o.name.startsWith('Victim Support'));
    assert.ok(person && organisation);
    const saved = await officer.post(`/partnerships/${coventry}/memberships`, {
      groupId: boardId,
      personId: person.id,
      organisationId: organisation.id,
      role: 'member',
      voting: 'yes',
      core: 'link',
      'startDate-day': '1',
      'startDate-month': 'April',
      'startDate-year': '16',
    });
    assert.equal(saved.statusCode, 302);
    const memberships = await container.governance.listMemberships(coventry, { groupId: boardId });
    assert.ok(memberships.some((m) => m.personId === person.id && m.startDate === '2016-04-01'));
  });
});

describe('the audit log’s date filter, typed as people write dates', () => {
  const scope = suiteScope();
  let admin: Browser;

  before(async () => {
    ({ client: admin } = await build(scope, { as: 'admin' }));
  });

  it('takes "1 Jan 20" and "31/12/2099", and refuses "31 Feb" next to the box, keeping it', async () => {
    const filtered = await admin.get(`/admin/audit?from=${encodeURIComponent('1 Jan 20')}&to=${encodeURIComponent('31/12/2099')}`);
    assert.equal(filtered.statusCode, 200);
    assert.doesNotMatch(filtered.body, /govuk-error-summary/);
    assert.doesNotMatch(filtered.body, /data-qa="audit-count">0 entries/);
    const wrong = await admin.get(`/admin/audit?from=${encodeURIComponent('31 Feb 2026')}`);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /id="from-error"[\s\S]*?Enter the ‘from’ date as a real date, like 23 11 2026 or 23 Nov 2026/);
    assert.match(wrong.body, /name="from" type="text" value="31 Feb 2026"/);
  });
});
