import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';

describe('the attendance form and record for an officer', () => {
  const scope = suiteScope();
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;

  before(async () => {
    ({ container, client: officer, coventry, boardId } = await build(scope, { as: 'officer' }));
  });

  it('marks nobody until told, refuses a form with nobody marked, and records the unmarked as absent', async () => {
    const id = await scheduleMeeting(container.meetings, coventry, boardId, '2016-07-21');
    const base = `/partnerships/${coventry}/meetings/${id}/attendance`;
    const form = await officer.get(base);
    assert.doesNotMatch(form.body, /type="radio"[^>]*checked/, 'nothing pre-selected');

    const nobody = await officer.post(base, { basedOn: '' });
    assert.equal(nobody.statusCode, 400);
    assert.match(nobody.body, /Mark who was present, sent apologies, was absent or sent a substitute/);

    const members = await container.governance.membershipsOn(coventry, boardId, '2016-07-21');
    const [first] = members;
    assert.ok(first);
    assert.equal((await officer.post(base, { [`status-${first.id}`]: 'present', basedOn: '' })).statusCode, 302);
    const saved = await container.attendance.attendance(coventry, id);
    assert.deepEqual(
      saved.members.map((m) => m.status),
      members.map((m) => (m.id === first.id ? 'present' : 'absent')),
    );
  });

  it("offers a member's own organisation's people first as their substitute, and limits who else attended", async () => {
    const id = await scheduleMeeting(container.meetings, coventry, boardId, '2016-10-20');
    const base = `/partnerships/${coventry}/meetings/${id}/attendance`;
    const members = await container.governance.membershipsOn(coventry, boardId, '2016-10-20');
    const danny = members.find((m) => m.personName === 'Danny Long');
    assert.ok(danny);
    const form = (await officer.get(base)).body;
    const select = form.slice(form.indexOf(`id="substitute-${danny.id}"`));
    const groups = select.slice(0, select.indexOf('</select>'));
    assert.match(
      groups,
      /<optgroup label="From West Midlands Police">[\s\S]*Hasson Shigdar \(West Midlands Police\)[\s\S]*<\/optgroup>\s*<optgroup label="From other organisations">/,
    );
    assert.doesNotMatch(groups.slice(0, groups.indexOf('From other organisations')), /Coventry City Council/);
    assert.doesNotMatch(groups, />Danny Long \(/, 'not their own substitute');

    const crowd = Array.from({ length: 51 }, (_, n) => `Guest ${n + 1}, Visitors`).join('\n');
    const tooMany = await officer.post(base, { [`status-${danny.id}`]: 'present', inAttendance: crowd, basedOn: '' });
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.body, /id="inAttendance-error"[\s\S]*Enter up to 50 people, one on each line/);
    assert.match(tooMany.body, /Guest 51, Visitors/);
    const longName = await officer.post(base, { [`status-${danny.id}`]: 'present', minuteTaker: 'x'.repeat(201), basedOn: '' });
    assert.match(longName.body, /id="minuteTaker-error"[\s\S]*Each name and organisation must be 200 characters or fewer/);
  });

  it('offers every year with attendance in the year picker', async () => {
    const id = await scheduleMeeting(container.meetings, coventry, boardId, '2007-11-30');
    const members = await container.governance.membershipsOn(coventry, boardId, '2007-11-30');
    await container.attendance.record(systemPrincipal, coventry, id, '', {
      members: members.map((m) => ({ membershipId: m.id, status: 'present', substitutePersonId: null })),
      inAttendance: [],
      minuteTaker: { name: 'Denise Kellam', organisation: 'Coventry City Council' },
    });
    const page = await officer.get(`/partnerships/${coventry}/groups/${boardId}/attendance`);
    assert.match(page.body, /<option value="2007">2007 to 2008<\/option>/);
    assert.match(page.body, /<option value="2016">2016 to 2017<\/option>/);
  });
});
