import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { OwnerChoice } from '../actions/index.ts';
import type { FastifyInstance } from 'fastify';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { expectTaggedPdf, textOfPdf } from '../../../test/helpers/pdf.ts';
import { addPerson, appointChair } from '../../../test/helpers/people.ts';
import JSZip from 'jszip';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { seedHistory } from '../../../bench/volume.ts';

describe('meeting pages for a Coventry officer', () => {
  const scope = suiteScope();
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;

  before(async () => {
    ({ app, container, client: officer, coventry, boardId } = await build(scope, { as: 'officer' }));
  });

  /** A meeting of the Coventry board at 14:00 in the Council House. */
  const boardMeeting = (meetingDate: string) => scheduleMeeting(container.meetings, coventry, boardId, meetingDate);
  /** A public item for decision on a meeting's agenda. */
  const publicItem = (meetingId: string, title: string) => addAgendaItem(container.agenda, coventry, meetingId, title);

  const cycleForm = {
    'from-day': '1',
    'from-month': '4',
    'from-year': '2026',
    ordinal: '2',
    weekday: '4',
    startTime: '10.00',
    location: 'Committee Room 3, Council House',
  };

  it('plans a year of board meetings from the form, and says what is wrong with a bad time', async () => {
    const wrong = await officer.post(`/partnerships/${coventry}/meetings/cycle`, { ...cycleForm, groupId: boardId, startTime: 'ten' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Enter the start time as, for example, 10am or 14:30/);
    assert.match(wrong.body, /value="Committee Room 3, Council House"/);
    const planned = await officer.post(`/partnerships/${coventry}/meetings/cycle`, { ...cycleForm, groupId: boardId });
    assert.equal(planned.statusCode, 302);
    const list = await officer.get(String(planned.headers.location));
    assert.match(list.body, /4 meetings planned\./);
    assert.match(list.body, /Thursday 9 April 2026 at 10:00/);
    assert.match(list.body, /Thursday 14 January 2027 at 10:00/);
  });

  it('shows the deadlines derived from the terms of reference', async () => {
    const [april] = await container.meetings.list(coventry, { groupId: boardId, from: '2026-04-09', to: '2026-04-09' });
    const page = await officer.get(`/partnerships/${coventry}/meetings/${april?.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Agenda and papers out by\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*31 March 2026/);
    assert.match(page.body, /31 March 2026<br><span class="govuk-hint govuk-!-margin-bottom-0">5 working days before the meeting<\/span>/);
  });

  it('moves minutes due on Christmas Day to the next working day, and says so', async () => {
    const prevent = (await container.governance.groups.list(coventry)).find((group) => /prevent/i.test(group.name));
    assert.ok(prevent);
    // Friday 18 December 2026: the terms' 7 calendar days end on Christmas Day.
    const meetingId = await scheduleMeeting(container.meetings, coventry, prevent.id, '2026-12-18');
    const page = await officer.get(`/partnerships/${coventry}/meetings/${meetingId}`);
    assert.match(
      page.body,
      /Minutes circulated by\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*29 December 2026<br><span class="govuk-hint govuk-!-margin-bottom-0">7 calendar days after the meeting, moved from 25 December, a bank holiday \(Christmas Day\)<\/span>/,
    );
    assert.match(
      page.body,
      /Agenda and papers out by[\s\S]*?11 December 2026<br>[^<]*<span[^>]*>7 calendar days before the meeting<\/span>/,
    );
  });

  it('moves a meeting with its reason, refusing a move without one', async () => {
    const id = await container.meetings.schedule(systemPrincipal, coventry, {
      groupId: boardId,
      kind: 'ordinary',
      meetingDate: '2008-02-06',
      startTime: '14:00',
      location: 'Committee Room 3',
    });
    const move = { 'meetingDate-day': '28', 'meetingDate-month': '2', 'meetingDate-year': '2008', startTime: '14:00', version: '1' };
    const noReason = await officer.post(`/partnerships/${coventry}/meetings/${id}/reschedule`, move);
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Say why the meeting is moving/);
    assert.match(noReason.body, /name="meetingDate-day" type="text" value="28"/);
    const moved = await officer.post(`/partnerships/${coventry}/meetings/${id}/reschedule`, {
      ...move,
      reason: 'To distribute and discuss the Strategic Assessment',
    });
    assert.equal(moved.statusCode, 302);
    const page = await officer.get(`/partnerships/${coventry}/meetings/${id}`);
    assert.match(page.body, /Moved from Wednesday 6 February 2008 at 14:00 to Thursday 28 February 2008 at 14:00/);
    assert.match(page.body, /Reason: To distribute and discuss the Strategic Assessment/);
    assert.match(page.body, /Committee Room 3/, 'a move without a new place keeps the old one');
    const elsewhere = await officer.post(`/partnerships/${coventry}/meetings/${id}/reschedule`, {
      ...move,
      version: '2',
      location: 'The Welcome Centre',
      reason: 'To distribute and discuss the Strategic Assessment and Community Safety Strategy',
    });
    assert.equal(elsewhere.statusCode, 302);
    assert.match((await officer.get(`/partnerships/${coventry}/meetings/${id}`)).body, /The Welcome Centre/);
  });

  it('records that a past meeting was held, offering it only once the day has come', async () => {
    const held = await boardMeeting('2007-11-30');
    const page = await officer.get(`/partnerships/${coventry}/meetings/${held}`);
    assert.match(page.body, /data-qa="record-held"/);
    const recorded = await officer.post(`/partnerships/${coventry}/meetings/${held}/held`, { version: '1' });
    assert.equal(recorded.statusCode, 302);
    const after = await officer.get(`/partnerships/${coventry}/meetings/${held}`);
    assert.match(after.body, /Recorded that the meeting was held/);
    assert.match(after.body, /Status\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Held/);
    assert.doesNotMatch(after.body, /data-qa="record-held"/);
    const future = await boardMeeting('2099-01-08');
    assert.doesNotMatch((await officer.get(`/partnerships/${coventry}/meetings/${future}`)).body, /data-qa="record-held"/);
    await officer.post(`/partnerships/${coventry}/meetings/${future}/held`, { version: '1' });
    const refused = (await officer.get(`/partnerships/${coventry}/meetings/${future}`)).body;
    // Said as a problem, not in a success banner.
    assert.match(refused, /There is a problem[\s\S]*This meeting is still to come/);
    assert.doesNotMatch(refused, /govuk-notification-banner--success/);
    assert.doesNotMatch(after.body, /data-qa="reschedule"|data-qa="cancel-meeting"/, 'a held meeting is not moved or cancelled');
  });

  it('builds an agenda: standard items by themselves, a confidential item only with its reason', async () => {
    const id = await boardMeeting('2007-11-30');
    const base = `/partnerships/${coventry}/meetings/${id}`;
    const item = {
      title: 'Review of the DPPO',
      section: 'decision',
      presenter: 'Community Safety Team',
      purpose: 'To agree the recommendations',
    };
    const noReason = await officer.post(`${base}/items`, { ...item, confidentiality: 'confidential' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Say why the item is confidential/);
    assert.match(noReason.body, /value="Review of the DPPO"/);
    assert.equal((await officer.post(`${base}/items`, { ...item, confidentiality: 'public' })).statusCode, 302);
    const confidential = await officer.post(`${base}/items`, {
      title: 'Case review',
      section: 'briefing',
      confidentiality: 'confidential',
      confidentialReason: 'Information about individuals',
    });
    assert.equal(confidential.statusCode, 302);
    const page = await officer.get(base);
    const agenda = page.body.slice(page.body.indexOf('data-qa="agenda"'), page.body.indexOf('<h2 class="govuk-heading-m">Deadlines'));
    const numbered = [
      ...agenda.matchAll(/safer-agenda__number">(\d+)\.<\/span>\s*<div class="safer-agenda__body">\s*<p[^>]*>([^<]+)/g),
    ].map((match) => `${match[1]}. ${(match[2] ?? '').trim()}`);
    assert.deepEqual(numbered, [
      '1. Welcome, introductions and apologies',
      '2. Declarations of interest',
      '3. Minutes of the last meeting and matters arising',
      '4. Review of the DPPO',
      '5. Any other business',
      '6. Date of next meeting',
      '7. Case review',
    ]);
    assert.match(agenda, /Part II: confidential items, not for publication<\/h3>/, 'Part II items come last, under their own heading');
    assert.match(agenda, /Not for publication \(Part II\): Information about individuals/);
  });

  it('records attendance with a substitute and shows the quorum live', async () => {
    const id = await boardMeeting('2016-07-21');
    const base = `/partnerships/${coventry}/meetings/${id}`;
    const form = await officer.get(`${base}/attendance`);
    assert.equal(form.statusCode, 200);
    const members = await container.governance.membershipsOn(coventry, boardId, '2016-07-21');
    const danny = members.find((m) => m.personName === 'Danny Long');
    const hasson = members.find((m) => m.personName === 'Hasson Shigdar');
    assert.ok(danny && hasson);
    const everyoneAbsent = Object.fromEntries(members.map((m) => [`status-${m.id}`, 'absent']));
    const noSubstitute = await officer.post(`${base}/attendance`, { ...everyoneAbsent, [`status-${danny.id}`]: 'substitute', basedOn: '' });
    assert.equal(noSubstitute.statusCode, 400);
    assert.match(noSubstitute.body, /Select who came in place of Danny Long/);
    assert.match(noSubstitute.body, new RegExp(`value="substitute" checked`));
    const saved = await officer.post(`${base}/attendance`, {
      ...everyoneAbsent,
      [`status-${danny.id}`]: 'substitute',
      [`substitute-${danny.id}`]: hasson.personId,
      [`status-${hasson.id}`]: 'apologies',
      inAttendance: 'Partnership Analyst, West Midlands Police',
      minuteTaker: 'Denise Kellam, Community Safety Team, Coventry City Council',
      basedOn: '',
    });
    assert.equal(saved.statusCode, 302);
    const page = await officer.get(base);
    assert.match(page.body, /Denise Kellam \(Community Safety Team, Coventry City Council\)/);
    assert.match(page.body, /govuk-tag--red">\s*Not quorate/);
    assert.match(page.body, /Hasson Shigdar for Danny Long \(West Midlands Police\)/);
    assert.match(page.body, /Partnership Analyst \(West Midlands Police\)/);
    // A second save from a form opened before the first was saved is refused.
    const stale = await officer.post(`${base}/attendance`, { ...everyoneAbsent, basedOn: '' });
    assert.equal(stale.statusCode, 400);
    assert.match(stale.body, /Someone else saved the attendance/);
  });

  it('minutes an item: its decisions reach the register and its actions the log', async () => {
    const meetingId = await boardMeeting('2016-10-20');
    const itemId = await publicItem(meetingId, 'Designated Public Places Order');
    const base = `/partnerships/${coventry}/meetings/${meetingId}/items/${itemId}/minutes`;
    assert.equal((await officer.get(base)).statusCode, 200);
    assert.equal((await officer.post(base, { intent: 'narrative', narrative: 'The review was presented.', version: '0' })).statusCode, 302);

    const noWording = await officer.post(base, { intent: 'record:decision', outcome: 'recommended', version: '1' });
    assert.equal(noWording.statusCode, 400);
    assert.match(noWording.body, /Enter the decision/);
    const noBody = await officer.post(base, {
      intent: 'record:decision',
      outcome: 'recommended',
      wording: 'To be recommended',
      version: '1',
    });
    assert.match(noBody.body, /Enter the body the recommendation goes to/);
    assert.match(noBody.body, /To be recommended/);
    assert.match(noWording.body, /The review was presented\./);
    assert.equal(
      (
        await officer.post(base, {
          intent: 'record:decision',
          outcome: 'supported',
          wording: 'Recommendations 4.1 and 4.2 were supported',
          version: '1',
        })
      ).statusCode,
      302,
    );
    assert.equal(
      (
        await officer.post(base, {
          intent: 'record:action',
          description: 'Report progress on the DPPO',
          ownerKind: 'other',
          owner: 'All agencies',
          'dueDate-day': '1',
          'dueDate-month': '1',
          'dueDate-year': '2017',
        })
      ).statusCode,
      302,
    );

    const register = await officer.get(`/partnerships/${coventry}/decisions?q=4.1`);
    assert.match(register.body, /Recommendations 4\.1 and 4\.2 were supported/);
    assert.match(register.body, /<td class="govuk-table__cell">Supported<\/td>/);
    const log = await officer.get(`/partnerships/${coventry}/actions?overdue=yes`);
    assert.match(log.body, /Report progress on the DPPO/);
    assert.match(log.body, /Open \(overdue\)/);
    const csv = await officer.get(`/partnerships/${coventry}/actions/download.csv?overdue=yes`);
    assert.match(csv.body, /Report progress on the DPPO,All agencies,1 January 2017,Open \(overdue\)/);

    const [action] = await container.actions.actionLog(coventry, systemPrincipal, { status: 'open' });
    assert.ok(action);
    const done = await officer.post(`/partnerships/${coventry}/actions/${action.id}`, {
      status: 'done',
      note: 'Reported to the board',
      version: String(action.version),
    });
    assert.equal(done.statusCode, 302);
    const page = await officer.get(`/partnerships/${coventry}/actions/${action.id}`);
    assert.match(page.body, /Reported to the board/);
    assert.doesNotMatch((await officer.get(`/partnerships/${coventry}/actions?overdue=yes`)).body, /Report progress on the DPPO/);
  });

  it('lets a member add updates to the actions they or their organisation own, by the records, and no others', async () => {
    const meeting = await boardMeeting('2017-02-16');
    const item = await publicItem(meeting, 'Vulnerable adults');
    const organisations = await container.governance.organisations.list(coventry);
    const police = organisations.find((o) => o.name === 'West Midlands Police');
    const council = organisations.find((o) => o.name === 'Coventry City Council');
    assert.ok(police && council);
    const pete = await addPerson(container.governance, coventry, {
      name: 'Pete Morgan',
      email: 'Pete.Morgan@example.org',
      organisationId: police.id,
    });
    const sara = await addPerson(container.governance, coventry, { name: 'Sara Roach', email: null, organisationId: police.id });
    const userId = await container.accounts.createUser(systemPrincipal, {
      email: 'pete.morgan@example.org',
      name: 'Pete Morgan',
      password: 'a member password 1',
      isAdmin: false,
    });
    await container.accounts.markEmailVerified(userId);
    await container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null });
    const member = new Browser(app);
    await member.signIn('pete.morgan@example.org', 'a member password 1');
    const actionFor = (owner: OwnerChoice) =>
      container.minutes.addAction(systemPrincipal, coventry, meeting, item, { description: 'Follow up', owner, dueDate: null });
    const update = (id: string) =>
      member.post(`/partnerships/${coventry}/actions/${id}`, { status: 'in_progress', note: 'Started', version: '1' });

    for (const owner of [
      { kind: 'person', personId: pete },
      { kind: 'organisation', organisationId: police.id },
    ] as const) {
      const id = await actionFor(owner);
      assert.match((await member.get(`/partnerships/${coventry}/actions/${id}`)).body, /data-qa="action-update-form"/, owner.kind);
      assert.equal((await update(id)).statusCode, 302, owner.kind);
    }
    for (const owner of [
      { kind: 'person', personId: sara },
      { kind: 'organisation', organisationId: council.id },
      // Words are no one: not even the member's own name, nor "All agencies".
      { kind: 'other', name: 'Pete Morgan' },
      { kind: 'other', name: 'All agencies' },
    ] as const) {
      const notTheirs = await actionFor(owner);
      const page = await member.get(`/partnerships/${coventry}/actions/${notTheirs}`);
      assert.doesNotMatch(page.body, /data-qa="action-update-form"/, JSON.stringify(owner));
      assert.match(page.body, /The action’s owner or a partnership officer can add an update/);
      assert.equal((await update(notTheirs)).statusCode, 403, JSON.stringify(owner));
      assert.deepEqual((await container.actions.action(coventry, notTheirs, systemPrincipal)).updates, []);
    }
  });

  it("lists the open actions of earlier meetings under the next meeting's matters arising", async () => {
    const schedule = (meetingDate: string) =>
      container.meetings.schedule(systemPrincipal, coventry, {
        groupId: boardId,
        kind: 'ordinary',
        meetingDate,
        startTime: '10:00',
        location: 'Online',
      });
    const earlier = await schedule('2017-01-19');
    const later = await schedule('2017-04-20');
    const [welcome] = (await container.agenda.agenda(coventry, earlier))[0]?.items ?? [];
    assert.ok(welcome);
    const open = await container.minutes.addAction(systemPrincipal, coventry, earlier, welcome.id, {
      description: 'Write to the PCC',
      owner: { kind: 'other', name: 'Chair' },
      dueDate: null,
    });
    const done = await container.minutes.addAction(systemPrincipal, coventry, earlier, welcome.id, {
      description: 'Book the venue',
      owner: { kind: 'other', name: 'Officer' },
      dueDate: null,
    });
    await container.actions.updateAction(systemPrincipal, coventry, done, 1, { status: 'done', note: 'Booked' });
    const page = await officer.get(`/partnerships/${coventry}/meetings/${later}`);
    const arising = page.body.slice(page.body.indexOf('data-qa="matters-arising"'));
    assert.match(arising, new RegExp(`/actions/${open}">Write to the PCC</a> – Chair, from 19 January 2017`));
    assert.doesNotMatch(arising.slice(0, arising.indexOf('</ul>')), /Book the venue/);
  });

  it('takes minutes through circulation and approval to the chair’s signature, after which they only take corrections', async () => {
    const meetingId = await boardMeeting('2016-07-21');
    const nextId = await boardMeeting('2016-10-20');
    const base = `/partnerships/${coventry}/meetings/${meetingId}`;
    const [welcome] = (await container.agenda.agenda(coventry, meetingId))[0]?.items ?? [];
    assert.ok(welcome);
    assert.equal((await officer.post(`${base}/minutes/circulate`, { version: '1' })).statusCode, 302);
    const approveForm = await officer.get(`${base}/minutes/approve`);
    assert.match(approveForm.body, /<option value="[^"]+">20 October 2016 at 14:00<\/option>/);
    assert.equal((await officer.post(`${base}/minutes/approve`, { atMeetingId: nextId, version: '2' })).statusCode, 302);
    assert.match((await officer.get(base)).body, /At the meeting of 20 October 2016, as a true and accurate record/);

    const late = await officer.post(`${base}/items/${welcome.id}/minutes`, {
      intent: 'record:decision',
      outcome: 'agreed',
      wording: 'Too late',
    });
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /These minutes have been approved and cannot change/);
    // The officer may not sign: that is the chair's.
    assert.equal((await officer.post(`${base}/minutes/sign`, { version: '3' })).statusCode, 403);
    // The chair's role comes from the appointment: no role is given to the account.
    await container.accounts.createUser(systemPrincipal, {
      email: 'chair@example.com',
      name: 'Cllr Abbott',
      password: 'chair password 12',
      isAdmin: false,
    });
    await appointChair(container, coventry, { email: 'chair@example.com', name: 'Cllr Abbott', groupId: boardId });
    const chair = new Browser(app);
    await chair.signIn('chair@example.com', 'chair password 12');
    assert.equal((await chair.post(`${base}/minutes/sign`, { version: '3' })).statusCode, 302);
    assert.match((await officer.get(base)).body, /Cllr Abbott, \d+ \w+ \d{4}/);

    assert.equal((await officer.post(`${base}/minutes/amendments`, { correction: 'Item 4: for 4.2 read 4.3' })).statusCode, 302);
    assert.match((await officer.get(base)).body, /Item 4: for 4\.2 read 4\.3/);
  });

  it('lets a vice-chair sign minutes while appointed, and not once the appointment has ended', async () => {
    const meetingId = await boardMeeting('2016-11-17');
    const nextId = await boardMeeting('2017-01-19');
    const base = `/partnerships/${coventry}/meetings/${meetingId}`;
    assert.equal((await officer.post(`${base}/minutes/circulate`, { version: '1' })).statusCode, 302);
    assert.equal((await officer.post(`${base}/minutes/approve`, { atMeetingId: nextId, version: '2' })).statusCode, 302);
    await container.accounts.createUser(systemPrincipal, {
      email: 'vice@example.com',
      name: 'Vera Vice',
      password: 'vice password 123',
      isAdmin: false,
    });
    const vice = new Browser(app);
    await vice.signIn('vice@example.com', 'vice password 123');
    // Not appointed yet: the account holds no role in Coventry.
    assert.equal((await vice.post(`${base}/minutes/sign`, { version: '3' })).statusCode, 403);
    const appointmentId = await appointChair(container, coventry, {
      email: 'vice@example.com',
      name: 'Vera Vice',
      groupId: boardId,
      role: 'vice_chair',
    });
    assert.match((await vice.get(base)).body, /href="[^"]*\/minutes\/sign"/);
    // The appointment ends (archived when the vice-chair stood down): the role goes with it, on the next request.
    const archived = await officer.post(`/partnerships/${coventry}/chair-appointments/${appointmentId}/archive`, { version: '1' });
    assert.equal(archived.statusCode, 302);
    assert.doesNotMatch((await vice.get(base)).body, /href="[^"]*\/minutes\/sign"/);
    assert.equal((await vice.post(`${base}/minutes/sign`, { version: '3' })).statusCode, 403);
  });

  it('records a declaration of interest on an item, linked to the register', async () => {
    const meetingId = await boardMeeting('2016-07-21');
    const itemId = await publicItem(meetingId, 'PCC funding 2016/17');
    const people = await container.governance.people.list(coventry);
    const rob = people.find((p) => p.name === 'Rob Allison');
    const june = people.find((p) => p.name === 'June Jeffrey');
    assert.ok(rob && june);
    const interest = await container.governance.interests.create(systemPrincipal, coventry, {
      personId: rob.id,
      category: 'employment',
      description: 'Chief Executive of Voluntary Action Coventry',
      declaredOn: '2016-04-01',
      endedOn: null,
    });
    const base = `/partnerships/${coventry}/meetings/${meetingId}/items/${itemId}/minutes`;
    const wrong = await officer.post(base, { intent: 'record:declaration', personId: june.id, interestId: interest, nature: 'Grantee' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Select one of this person&#39;s interests, or none|Select one of this person's interests, or none/);
    const right = await officer.post(base, {
      intent: 'record:declaration',
      personId: rob.id,
      interestId: interest,
      nature: 'His organisation is named as a grantee',
    });
    assert.equal(right.statusCode, 302);
    const page = await officer.get(base);
    assert.match(page.body, /Rob Allison<\/strong>: His organisation is named as a grantee/);
    assert.match(page.body, /In the register: Chief Executive of Voluntary Action Coventry/);
  });

  it("keeps a year's attendance record by member and organisation, picking out a Responsible Authority that missed a meeting", async () => {
    const record = async (meetingDate: string, policeThere: boolean) => {
      const id = await container.meetings.schedule(systemPrincipal, coventry, {
        groupId: boardId,
        kind: 'ordinary',
        meetingDate,
        startTime: '14:00',
        location: 'Online',
      });
      const { members } = await container.attendance.attendance(coventry, id);
      await container.attendance.record(systemPrincipal, coventry, id, '', {
        members: members.map(({ member }) => ({
          membershipId: member.id,
          status: member.organisationName === 'West Midlands Police' && !policeThere ? 'apologies' : 'present',
          substitutePersonId: null,
        })),
        inAttendance: [],
        minuteTaker: null,
      });
    };
    await record('2018-07-19', true);
    await record('2018-10-18', false);
    const page = await officer.get(`/partnerships/${coventry}/groups/${boardId}/attendance?year=2018`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /From the 2 meetings whose attendance was recorded/);
    const byOrganisation = page.body.slice(
      page.body.indexOf('data-qa="attendance-by-organisation"'),
      page.body.indexOf('data-qa="attendance-by-member"'),
    );
    assert.match(
      byOrganisation,
      /West Midlands Police <strong class="govuk-tag govuk-tag--red">Responsible Authority missed a meeting<\/strong>/,
    );
    assert.doesNotMatch(byOrganisation, /West Midlands Fire Service <strong/);
  });

  it('plans work programme items and places one on the agenda of its meeting, once', async () => {
    // A meeting some weeks ahead of whenever the test runs.
    const ahead = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const meetingId = await container.meetings.schedule(systemPrincipal, coventry, {
      groupId: boardId,
      kind: 'ordinary',
      meetingDate: ahead,
      startTime: '14:00',
      location: 'Online',
    });
    const base = `/partnerships/${coventry}/groups/${boardId}/work-programme`;
    const form = await officer.get(base);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`<option value="${meetingId}">`));
    assert.equal((await officer.post(base, { title: '' })).statusCode, 400);
    assert.equal(
      (
        await officer.post(base, {
          title: 'Annual review of the Strategic Assessment',
          plannedMeetingId: meetingId,
          notes: 'To agree the priorities',
        })
      ).statusCode,
      302,
    );
    const [planned] = await container.workProgramme.list(coventry, boardId);
    assert.ok(planned);
    assert.equal((await officer.post(`${base}/${planned.id}/place`, {})).statusCode, 302);
    const agenda = (await container.agenda.agenda(coventry, meetingId)).flatMap((section) => section.items.map((item) => item.title));
    assert.ok(agenda.includes('Annual review of the Strategic Assessment'));
    await officer.post(`${base}/${planned.id}/place`, {});
    const again = (await container.agenda.agenda(coventry, meetingId)).flatMap((section) =>
      section.items.filter((item) => item.title === 'Annual review of the Strategic Assessment'),
    );
    assert.equal(again.length, 1, 'placed once only');
    assert.match((await officer.get(base)).body, /On the agenda<\/a>/);
  });

  it('prints the minutes in the house style, and leaves Part II out of the public version', async () => {
    const meetingId = await boardMeeting('2016-07-21');
    const item = (title: string, confidential: boolean) => addAgendaItem(container.agenda, coventry, meetingId, title, { confidential });
    const dppo = await item('Designated Public Places Order', false);
    await item('Case review', true);
    const { members } = await container.attendance.attendance(coventry, meetingId);
    await container.attendance.record(systemPrincipal, coventry, meetingId, '', {
      members: members.map(({ member }) => ({
        membershipId: member.id,
        status: member.personName === 'Cllr Abbott' ? 'present' : 'apologies',
        substitutePersonId: null,
      })),
      inAttendance: [],
      minuteTaker: { name: 'Denise Kellam', organisation: 'Community Safety Team, Coventry City Council' },
    });
    await container.minutes.addDecision(systemPrincipal, coventry, meetingId, dppo, {
      outcome: 'supported',
      wording: 'Recommendations 4.1 and 4.2 were supported',
      recommendedTo: null,
      votesFor: null,
      votesAgainst: null,
      votesAbstaining: null,
    });
    await container.minutes.addAction(systemPrincipal, coventry, meetingId, dppo, {
      description: 'Consult on the extended area',
      owner: { kind: 'other', name: 'All agencies' },
      dueDate: null,
    });
    const page = await officer.get(`/partnerships/${coventry}/meetings/${meetingId}/minutes/print`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Cllr Abbott \(Chair\)<\/td><td class="govuk-table__cell">Coventry City Council/);
    assert.match(page.body, /Denise Kellam \(Minutes\)<\/td><td class="govuk-table__cell">Community Safety Team, Coventry City Council/);
    assert.match(page.body, /1\. Welcome, introductions and apologies/);
    assert.match(page.body, /<strong>Action: All agencies<\/strong> – Consult on the extended area/);
    assert.match(page.body, /Case review/);
    const publicPage = await officer.get(`/partnerships/${coventry}/meetings/${meetingId}/minutes/print?public=yes`);
    assert.match(publicPage.body, /public version/);
    assert.doesNotMatch(publicPage.body, /Case review/);
    assert.match(publicPage.body, /Designated Public Places Order/);

    // The Word file: the same text, the Action line in bold.
    const docx = await officer.get(`/partnerships/${coventry}/meetings/${meetingId}/minutes/file.docx?public=yes`);
    assert.equal(docx.statusCode, 200);
    assert.match(
      String(docx.headers['content-disposition']),
      /^attachment; filename="coventry-police-crime-and-community-safety-partnership-board-minutes-2016-07-21-public\.docx"$/,
    );
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    assert.ok(xml);
    const text = xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '');
    assert.match(text, /Cllr Abbott \(Chair\)/);
    assert.match(text, /Action: All agencies – Consult on the extended area/);
    assert.doesNotMatch(text, /Case review/);
    assert.match(xml, /<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">Action: All agencies<\/w:t>/);

    // The PDF: its text, read from the page's drawing operators.
    const pdf = await officer.get(`/partnerships/${coventry}/meetings/${meetingId}/minutes/file.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const pdfText = textOfPdf(pdf.rawPayload);
    assert.match(pdfText, /1\. Welcome, introductions and apologies/);
    assert.match(pdfText, /Action: All agencies/);
    assert.match(pdfText, /Case review/, 'the full version keeps Part II items');
    await expectTaggedPdf(pdf.rawPayload, /^Minutes: COVENTRY POLICE, CRIME AND COMMUNITY SAFETY PARTNERSHIP BOARD, /);
  });

  it('cancels a meeting, which then cannot be moved', async () => {
    const id = await container.meetings.schedule(systemPrincipal, coventry, {
      groupId: boardId,
      kind: 'public',
      meetingDate: '2026-09-17',
      startTime: '18:30',
      location: 'Central Library',
    });
    assert.equal(
      (await officer.post(`/partnerships/${coventry}/meetings/${id}/cancel`, { reason: 'Venue unavailable', version: '1' })).statusCode,
      302,
    );
    const page = await officer.get(`/partnerships/${coventry}/meetings/${id}`);
    assert.match(page.body, /This meeting has been cancelled/);
    assert.doesNotMatch(page.body, /Move this meeting/);
    const move = await officer.post(`/partnerships/${coventry}/meetings/${id}/reschedule`, {
      'meetingDate-day': '24',
      'meetingDate-month': '9',
      'meetingDate-year': '2026',
      startTime: '18:30',
      reason: 'New venue',
      version: '2',
    });
    assert.equal(move.statusCode, 400);
    assert.match(move.body, /This meeting has been cancelled/);
  });
});

describe('the meetings list of a partnership with years of history', () => {
  it('shows every meeting to come and a page of the earlier ones, latest first, saying how many there are', async (t) => {
    const { client, container, coventry } = await build(t, { as: 'officer', clock: { now: () => new Date('2026-12-01T09:00:00Z') } });
    const groupIds = (await container.governance.groups.list(coventry)).map((group) => group.id);
    await seedHistory(container.database.db, coventry, groupIds, {
      meetingCount: 120,
      actionsPerMeeting: 0,
      firstMonth: '2016-01',
      perMonth: 28,
    });
    const earlier = await container.meetings.list(coventry, { to: '2026-11-30' });
    const total = earlier.length;
    const first = await client.get(`/partnerships/${coventry}/meetings`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, new RegExp(`${total} earlier meetings, latest first`));
    assert.equal(first.body.match(/data-qa="past-meetings"[\s\S]*?<\/table>/)?.[0].match(/<tr class="govuk-table__row">/g)?.length, 51);
    const last = Math.ceil(total / 50);
    const end = await client.get(`/partnerships/${coventry}/meetings?page=${last}`);
    // The earliest meeting is the last row of the last page.
    assert.match(end.body, new RegExp(`/meetings/${earlier[0]?.id ?? 'none'}"`));
    assert.match(first.body, new RegExp(`meetings\\?page=${last}`));
    // A page past the end (an old link, a number typed) goes to the last page, keeping the filter.
    const [groupId] = groupIds;
    const beyond = await client.get(`/partnerships/${coventry}/meetings?groupId=${groupId ?? ''}&page=999`);
    assert.equal(beyond.statusCode, 302);
    const lastOfGroup = Math.ceil((await container.meetings.list(coventry, { groupId, to: '2026-11-30' })).length / 50);
    assert.equal(beyond.headers.location, `/partnerships/${coventry}/meetings?groupId=${groupId ?? ''}&page=${lastOfGroup}`);
  });
});
