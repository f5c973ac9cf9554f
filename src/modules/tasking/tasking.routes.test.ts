import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { todayInEngland } from '../../platform/clock.ts';
import { formatDate } from '../../platform/dates.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';
import { cityOfLondonForce } from '../../../test/helpers/policeuk.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'policeuk');
const cityOfLondon = 'E22000180';
const password = 'a long enough password';

/** A date some days from today, as a meeting still to come has. */
function daysFromToday(container: Container, days: number): string {
  const today = new Date(`${todayInEngland(container.clock)}T00:00:00Z`);
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('tasking pages for a Coventry officer, on the City of London’s crimes', () => {
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let member: Browser;
  let coventry: string;
  let base = '';
  let groupId = '';
  let meetingDate = '';
  let meetingId = '';
  let organisationId = '';
  let lsoas: { code: string; name: string }[] = [];
  let locationId = '';

  const scope = suiteScope();

  before(async () => {
    ({ app, container, client: officer, coventry } = await build(scope, { as: 'officer' }));
    base = `/partnerships/${coventry}/tasking`;
    await cityOfLondonForce(container, coventry);
    await container.crimeData.setArea(systemPrincipal, coventry, cityOfLondon);
    for (const month of ['2025-11', '2025-12']) {
      await container.crimeData.importFile(systemPrincipal, join(fixtures, `${month}-city-of-london-street.csv`));
    }
    groupId = await container.governance.groups.create(systemPrincipal, coventry, { name: 'City Tasking Group', parentId: null });
    meetingDate = daysFromToday(container, 30);
    meetingId = await scheduleMeeting(container.meetings, coventry, groupId, meetingDate, '10:00');
    const [organisation] = await container.governance.organisations.list(coventry);
    organisationId = organisation?.id ?? '';
    lsoas = (await container.tasking.placeChoices(coventry)).lsoas;
    assert.ok(lsoas.length >= 2, 'the City of London has LSOAs');
    const userId = await container.accounts.createUser(systemPrincipal, {
      email: 'member@example.com',
      name: 'Mo Member',
      password,
      isAdmin: false,
    });
    await container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null });
    member = new Browser(app);
    await member.signIn('member@example.com', password);
  });

  const documentUrl = (month: string) => `${base}/groups/${groupId}/${month}`;

  it('is linked from the partnership’s page', async () => {
    const page = await officer.get(`/partnerships/${coventry}`);
    assert.match(page.body, new RegExp(`href="${base}">Tasking</a>`));
    const tasking = await officer.get(base);
    assert.equal(tasking.statusCode, 200);
    assert.match(tasking.body, /data-qa="locations">No priority locations have been added yet/);
    assert.match(tasking.body, /<option value="2025-12">December 2025<\/option>/);
    // It opens on the tasking group, not the first group by name, with its latest month's document a click away.
    // With no tasking yet, a group named as a tasking group is chosen, not the board listed first.
    assert.match(tasking.body, /<option value="[^"]+" selected>[^<]*Tasking Group<\/option>/);
    assert.doesNotMatch(tasking.body, /selected>[^<]*Board<\/option>/);
    assert.match(
      tasking.body,
      /data-qa="latest-document">Latest tasking document: <a class="govuk-link" href="[^"]+\/2025-12">[^<]*Tasking Group, December 2025<\/a>/,
    );
  });

  it('adds a priority location, each problem next to its field and what was typed kept', async () => {
    const form = await officer.get(`${base}/locations/new`);
    assert.equal(form.statusCode, 200);
    const [first, second] = lsoas;
    assert.ok(first && second);
    assert.match(form.body, new RegExp(`value="${first.code}"`));

    const empty = await officer.post(`${base}/locations`, { name: '', kind: 'lsoa' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /id="name-error"[\s\S]*Enter the name of the priority location/);
    assert.match(empty.body, /id="lsoas-error"[\s\S]*Select at least one LSOA/);
    assert.match(empty.body, /href="#lsoas">Select at least one LSOA</);

    // Bexley's LSOA, where City of London Police recorded a crime, is not in the City.
    const elsewhere = await officer.post(`${base}/locations`, { name: 'City core', kind: 'lsoa', lsoas: [first.code, 'E01000347'] });
    assert.equal(elsewhere.statusCode, 400);
    assert.match(elsewhere.body, /id="lsoas-error"[\s\S]*E01000347 is not an LSOA of the partnership’s area/);
    assert.match(elsewhere.body, /value="City core"/);
    assert.match(elsewhere.body, new RegExp(`value="${first.code}" checked`));

    const street = await officer.post(`${base}/locations`, { name: 'Nowhere', kind: 'street', streets: 'On or near Nowhere Lane' });
    assert.equal(street.statusCode, 400);
    assert.match(street.body, /id="streets-error"[\s\S]*No crime in the area was recorded at &quot;On or near Nowhere Lane&quot;/);
    assert.match(street.body, /On or near Nowhere Lane<\/textarea>/);

    const saved = await officer.post(`${base}/locations`, {
      name: 'City core',
      kind: 'lsoa',
      lsoas: [first.code, second.code],
      reason: 'Theft from the person in the night-time economy',
    });
    assert.equal(saved.statusCode, 302);
    locationId = /\/locations\/([^/]+)$/.exec(String(saved.headers.location))?.[1] ?? '';
    const page = await officer.get(String(saved.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Priority location “City core” added/);
    assert.match(page.body, new RegExp(`${first.name} \\(${first.code}\\)`));
    assert.match(page.body, /Theft from the person in the night-time economy/);
    assert.match(page.body, /<td class="govuk-table__cell">December 2025<\/td>/);
    // The months start at the first held, November 2025: none before it is called unpublished.
    assert.match(page.body, /<td class="govuk-table__cell">November 2025<\/td>/);
    assert.doesNotMatch(page.body, /Not published|October 2025/);
    assert.match(page.body, /<svg[^>]*role="img"/);
    assert.match((await officer.get(base)).body, /City core<\/a>/);
  });

  it('shows the month’s document with its sections and the PAI, and gives it as PDF and Word', async () => {
    const opened = await officer.get(`${base}?group=${groupId}&month=2025-12`);
    assert.equal(opened.statusCode, 302);
    assert.equal(opened.headers.location, documentUrl('2025-12'));
    const page = await officer.get(documentUrl('2025-12'));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tasking document: City Tasking Group, December 2025/);
    assert.match(page.body, /Priority location: City core/);
    assert.match(page.body, /data-qa="section"/);
    assert.match(page.body, /Crimes in December 2025/);
    assert.match(page.body, /Predictive accuracy index \(PAI\)/);
    // Its analysts' terms in the same plain words as the hotspots page, and last month's hotspot by name, then code.
    assert.match(page.body, /What “predictive calendar” means[\s\S]*?What the time of year would lead us to expect/);
    assert.match(page.body, /What “predictive accuracy index \(PAI\)” means[\s\S]*?their share of the crime divided by/);
    assert.match(page.body, /Last month’s hotspots \(LSOAs\)[\s\S]*?City of London 0\d\d[A-Z] \(E0\d{7}\)/);
    assert.match(page.body, /LSOA boundaries, and so their sizes, are not loaded/);
    assert.match(page.body, /data-crime-map/);
    assert.match(page.body, new RegExp(`To be issued on [^<]*the working day before the meeting on ${formatDate(meetingDate)}`));
    assert.match(page.body, /data-qa="issue-button"/);
    assert.match(page.body, /Contains public sector information licensed under the Open Government Licence v3\.0\./);
    assert.match(
      page.body,
      new RegExp(`href="${base}/actions/new\\?group=${groupId}&amp;month=2025-12&amp;target=location%3A${locationId}"`),
    );

    const pdf = await officer.get(`${documentUrl('2025-12')}/document.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(
      String(pdf.headers['content-disposition']),
      /attachment; filename="tasking-document-city-tasking-group-december-2025\.pdf"/,
    );
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const docx = await officer.get(`${documentUrl('2025-12')}/document.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');

    const unpublished = await officer.get(documentUrl('2025-10'));
    assert.equal(unpublished.statusCode, 200);
    assert.match(unpublished.body, /October 2025 is not held in Safer\. This document has no figures\./);
    assert.doesNotMatch(unpublished.body, /data-qa="section"/);
    // A month that is not one: a page that says so, with the months held and the way to choose one.
    const notAMonth = await officer.get(documentUrl('2025-13'));
    assert.equal(notAMonth.statusCode, 400);
    assert.match(notAMonth.body, /There is a problem with the address/);
    assert.match(
      notAMonth.body,
      /data-qa="address-problem">“2025-13” is not a month: a month is written as year and month, such as 2025-12\. Safer holds November 2025 to December 2025\./,
    );
    assert.match(notAMonth.body, new RegExp(`href="${base}" data-qa="address-next">Open a tasking document from the months held<`));
    assert.equal((await officer.get(`${documentUrl('2025-13')}/document.pdf`)).statusCode, 400);
  });

  it('is issued by an analyst or officer, not a member, after a page that says whom it e-mails, then put on the agenda of the meeting', async () => {
    const refused = await member.post(`${documentUrl('2025-12')}/issue`, {});
    assert.equal(refused.statusCode, 403);
    assert.equal((await member.get(`${documentUrl('2025-12')}/issue`)).statusCode, 403);
    assert.doesNotMatch((await member.get(documentUrl('2025-12'))).body, /data-qa="issue-button"/);

    for (const [name, email] of [
      ['Tia Tasker', 'tia.tasker@example.org'],
      ['Noel Noaddress', null],
    ] as const) {
      await addMember(container.governance, coventry, {
        groupId,
        personId: await addPerson(container.governance, coventry, { name, email, organisationId }),
        organisationId,
        role: 'member',
      });
    }
    const asked = await officer.get(`${documentUrl('2025-12')}/issue`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Issue the tasking document for December 2025\?/);
    assert.match(
      asked.body,
      /An e-mail will go to 1 person: Tia Tasker\. No e-mail address is held for 1 person, so they will not be told: Noel Noaddress\./,
    );
    assert.match((await officer.get(documentUrl('2025-12'))).body, /data-qa="issue-button"/, 'asking is not issuing');

    const issued = await officer.post(`${documentUrl('2025-12')}/issue`, {});
    assert.equal(issued.statusCode, 302);
    const page = await officer.get(documentUrl('2025-12'));
    assert.match(
      page.body,
      /Tasking document issued\. E-mailed 1 person: Tia Tasker\. No e-mail address is held for 1 person, so they were not told: Noel Noaddress\./,
    );
    assert.doesNotMatch(page.body, /members have been e-mailed/);
    assert.match(page.body, /Issued on [^<]* by A officer/);
    assert.match(page.body, new RegExp(`Put it on the agenda of the meeting on ${formatDate(meetingDate)}`));

    const attached = await officer.post(`${documentUrl('2025-12')}/attach`, { meetingId });
    assert.equal(attached.statusCode, 302);
    const after = await officer.get(documentUrl('2025-12'));
    assert.match(
      after.body,
      new RegExp(
        `On the agenda of the <a class="govuk-link" href="/partnerships/${coventry}/meetings/${meetingId}" data-qa="attached">meeting on ${formatDate(meetingDate)}</a>`,
      ),
    );
    assert.doesNotMatch(after.body, /data-qa="attach-button"/);
    const meeting = await officer.get(`/partnerships/${coventry}/meetings/${meetingId}`);
    assert.match(meeting.body, /Tasking document: City Tasking Group, December 2025/);
  });

  it('offers the Issue button and its confirmation only when issuing can succeed, and otherwise says why', async () => {
    const noMeeting = await container.governance.groups.create(systemPrincipal, coventry, { name: 'Unmet Tasking Group', parentId: null });
    const cases: [string, RegExp][] = [
      [`${base}/groups/${noMeeting}/2025-12`, /Add the group’s next meeting first: the document is issued the working day before it/],
      [documentUrl('2025-10'), /There is no police\.uk file for October 2025 in Safer: import it before issuing the document/],
      [documentUrl('2025-12'), /The tasking document for December 2025 was issued on /],
    ];
    for (const [url, why] of cases) {
      assert.doesNotMatch((await officer.get(url)).body, /data-qa="issue-button"/, url);
      const asked = await officer.get(`${url}/issue`);
      assert.equal(asked.statusCode, 302, url);
      assert.equal(asked.headers.location, url);
      const page = await officer.get(url);
      assert.match(page.body, /data-qa="problem"/, url);
      assert.match(page.body, why, url);
      assert.doesNotMatch(page.body, /Issue the tasking document for/, url);
    }
  });

  it('records an agency’s resource for a place, refusing a date that is not real, then its result', async () => {
    const newUrl = `${base}/actions/new?group=${groupId}&month=2025-12&target=location%3A${locationId}`;
    const form = await member.get(newUrl);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`<option value="location:${locationId}" selected>Priority location: City core</option>`));
    const typed = {
      groupId,
      month: '2025-12',
      target: `location:${locationId}`,
      organisationId,
      resource: 'patrols',
      description: 'High-visibility foot patrols on Friday evenings',
      'startsOn-day': '31',
      'startsOn-month': '2',
      'startsOn-year': '2026',
      'endsOn-day': '28',
      'endsOn-month': '2',
      'endsOn-year': '2026',
    };
    const notReal = await member.post(`${base}/actions`, typed);
    assert.equal(notReal.statusCode, 400);
    assert.match(notReal.body, /id="startsOn-error"[\s\S]*The first day must be a real date/);
    assert.match(notReal.body, /High-visibility foot patrols on Friday evenings<\/textarea>/);
    assert.match(notReal.body, /name="startsOn-day" type="text" value="31"/);
    const backwards = await member.post(`${base}/actions`, { ...typed, 'startsOn-day': '27', 'endsOn-day': '1' });
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /id="endsOn-error"[\s\S]*The last day must be the same as or after the first day/);

    const recorded = await member.post(`${base}/actions`, { ...typed, 'startsOn-day': '2' });
    assert.equal(recorded.statusCode, 302);
    assert.equal(recorded.headers.location, documentUrl('2025-12'));
    const [action] = await container.tasking.actions(coventry);
    assert.ok(action);
    const actionUrl = `${base}/actions/${action.id}`;
    const page = await officer.get(actionUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Patrols at City core/);
    assert.match(page.body, /data-qa="result">No result reported yet/);
    assert.match(page.body, new RegExp(`href="/partnerships/${coventry}/actions/${action.actionId}" data-qa="log-entry">Open<`));

    // A member who is not of the agency is not offered the result form, and may not report it.
    assert.match(page.body, /data-qa="report-result"/);
    assert.doesNotMatch((await member.get(actionUrl)).body, /data-qa="report-result"/);
    assert.equal((await member.get(`${actionUrl}/result`)).statusCode, 403);
    assert.equal((await member.post(`${actionUrl}/result`, { result: 'Done', version: String(action.version) })).statusCode, 403);

    const blank = await officer.post(`${actionUrl}/result`, { result: ' ', version: String(action.version) });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /id="result-error"[\s\S]*Enter the result/);
    const reported = await officer.post(`${actionUrl}/result`, { result: 'Two arrests for theft', version: String(action.version) });
    assert.equal(reported.statusCode, 302);
    const done = await officer.get(actionUrl);
    assert.match(done.body, /data-qa="result">Two arrests for theft/);
    assert.match(done.body, /data-qa="log-entry">Done</);
    // The same form sent again, from before the result was saved, is refused rather than saved over it.
    const stale = await officer.post(`${actionUrl}/result`, { result: 'Three arrests', version: String(action.version) });
    assert.equal(stale.statusCode, 400);
    assert.match(stale.body, /Someone else changed this record/);
    const landing = (await officer.get(base)).body;
    assert.match(landing, /Two arrests for theft/);
    // The group whose tasking is the latest is the one the tasking page opens on.
    assert.match(landing, new RegExp(`<option value="${groupId}" selected>City Tasking Group</option>`));
    assert.match(landing, new RegExp(`href="${documentUrl('2025-12')}">City Tasking Group, December 2025</a>`));

    // The action log names the tasking it was agreed at, with its document, not the community safety plan.
    const tasked = new RegExp(`<a class="govuk-link" href="${documentUrl('2025-12')}">Tasking document for December 2025</a>`);
    const log = await officer.get(`/partnerships/${coventry}/actions`);
    assert.match(log.body, tasked);
    assert.doesNotMatch(log.body, /Community safety plan/);
    const entry = await officer.get(`/partnerships/${coventry}/actions/${action.actionId}`);
    assert.match(entry.body, /City Tasking Group: Tasking document for December 2025<\/a>/);
    assert.doesNotMatch(entry.body, /community safety plan/);
    const csv = await officer.get(`/partnerships/${coventry}/actions/download.csv`);
    assert.match(csv.body, /Agreed at[\s\S]*Tasking document for December 2025/);
  });

  it('archives a priority location', async () => {
    const { location } = await container.tasking.location(coventry, locationId);
    const archived = await officer.post(`${base}/locations/${locationId}/archive`, { version: String(location.version) });
    assert.equal(archived.statusCode, 302);
    const page = await officer.get(`${base}/locations/${locationId}`);
    assert.match(page.body, /Priority location “City core” archived/);
    assert.match(page.body, /data-qa="archived"/);
  });
});
