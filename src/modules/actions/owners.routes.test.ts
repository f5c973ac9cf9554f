/**
 * An action's owner is chosen from the partnership's records: a person or an organisation, or someone else in
 * words. An id of another partnership's record is refused next to its field; owners left in words are resolved by
 * an officer, all of theirs at once, with an audit entry for each action.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../../../test/helpers/app.ts';
import { build, testPassword } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';

for (const database of testDatabases()) {
  describe(`action owners from the partnership's records on ${database.engine}`, () => {
    let container: Container;
    let officer: Browser;
    let coventry: string;
    let minutesPath: string;
    let meetingId: string;
    let itemId: string;
    let person: { id: string; name: string };
    let organisation: { id: string; name: string };
    let elsewhere: { personId: string; organisationId: string };
    let closeApp: () => Promise<void>;

    before(async () => {
      const hooks: (() => Promise<void>)[] = [];
      const built = await build({ after: (fn) => hooks.push(fn) }, { database: await database.create() });
      closeApp = async () => {
        for (const hook of hooks) await hook();
      };
      ({ container, coventry, client: officer } = built);
      meetingId = await scheduleMeeting(container.meetings, coventry, built.boardId, '2016-07-21');
      itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Designated Public Places Order');
      minutesPath = `/partnerships/${coventry}/meetings/${meetingId}/items/${itemId}/minutes`;
      const [police] = (await container.governance.organisations.list(coventry)).filter((o) => o.name === 'West Midlands Police');
      assert.ok(police);
      organisation = police;
      const personId = await container.governance.people.create(systemPrincipal, coventry, {
        name: 'Pete Morgan',
        email: null,
        jobTitle: null,
        organisationId: police.id,
      });
      person = { id: personId, name: 'Pete Morgan' };
      const other = (await container.governance.partnerships.list(null)).find((p) => p.id !== coventry);
      assert.ok(other);
      const [theirOrganisation] = await container.governance.organisations.list(other.id);
      assert.ok(theirOrganisation);
      const theirPerson = await container.governance.people.create(systemPrincipal, other.id, {
        name: 'Pat Elsewhere',
        email: null,
        jobTitle: null,
        organisationId: theirOrganisation.id,
      });
      elsewhere = { personId: theirPerson, organisationId: theirOrganisation.id };
    });
    after(() => closeApp());

    const record = (owner: Record<string, string>) =>
      officer.post(minutesPath, { intent: 'record:action', description: 'Consult the residents', ...owner });
    const stored = async () =>
      (await container.actions.forItem(coventry, itemId)).map((a) => [a.owner, a.ownerPersonId, a.ownerOrganisationId]);

    it('offers the partnership’s people under their organisation, and its organisations, behind radios', async () => {
      const page = (await officer.get(minutesPath)).body;
      assert.match(page, /name="ownerKind" type="radio" value="person" data-aria-controls="conditional-ownerKind"/);
      assert.match(page, /<optgroup label="West Midlands Police">[^]*?<option value="[^"]+">Pete Morgan<\/option>/);
      assert.match(page, new RegExp(`<option value="${organisation.id}"\\s*>West Midlands Police</option>`));
      assert.doesNotMatch(page, /Pat Elsewhere/, 'no one of another partnership');
    });

    it('records an action owned by a person, an organisation, or someone else in words', async () => {
      assert.equal((await record({ ownerKind: 'person', ownerPersonId: person.id })).statusCode, 302);
      assert.equal((await record({ ownerKind: 'organisation', ownerOrganisationId: organisation.id })).statusCode, 302);
      // What the other kinds' boxes hold is not read: only the kind chosen counts.
      assert.equal((await record({ ownerKind: 'other', owner: 'All agencies', ownerPersonId: person.id })).statusCode, 302);
      assert.deepEqual(await stored(), [
        ['Pete Morgan', person.id, null],
        ['West Midlands Police', null, organisation.id],
        ['All agencies', null, null],
      ]);
      const flashed = await officer.get(minutesPath);
      assert.match(flashed.body, /Action recorded for All agencies/);
    });

    it('says what is missing next to the field, and refuses another partnership’s person or organisation', async () => {
      const before = await stored();
      const cases = [
        [{}, /Select who is to do it/],
        [{ ownerKind: 'person' }, /Select the person/],
        [{ ownerKind: 'other', owner: '  ' }, /Enter who is to do it/],
        [{ ownerKind: 'person', ownerPersonId: elsewhere.personId }, /Select a person of this partnership/],
        [{ ownerKind: 'organisation', ownerOrganisationId: elsewhere.organisationId }, /Select an organisation of this partnership/],
      ] as const;
      for (const [owner, message] of cases) {
        const response = await record(owner);
        assert.equal(response.statusCode, 400, JSON.stringify(owner));
        assert.match(response.body, message);
        assert.match(response.body, /govuk-error-message/);
        assert.match(response.body, /Consult the residents/, 'what was typed is kept');
      }
      assert.deepEqual(await stored(), before, 'nothing recorded');
    });

    it('changes an action’s owner on its own form, which starts from the owner chosen', async () => {
      const [action] = await container.actions.forItem(coventry, itemId);
      assert.ok(action);
      const path = `${minutesPath}/actions/${action.id}`;
      const form = (await officer.get(path)).body;
      assert.match(form, /name="ownerKind" type="radio" value="person" checked/);
      assert.match(form, new RegExp(`<option value="${person.id}" selected>Pete Morgan</option>`));
      const refused = await officer.post(path, {
        description: action.description,
        ownerKind: 'person',
        ownerPersonId: elsewhere.personId,
        version: String(action.version),
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Select a person of this partnership/);
      const changed = await officer.post(path, {
        description: action.description,
        ownerKind: 'organisation',
        ownerOrganisationId: organisation.id,
        version: String(action.version),
      });
      assert.equal(changed.statusCode, 302);
      const [after] = await container.actions.forItem(coventry, itemId);
      assert.deepEqual([after?.owner, after?.ownerPersonId, after?.ownerOrganisationId], ['West Midlands Police', null, organisation.id]);
    });

    it('lists owners left in words for an officer, and resolves all the actions of one at once, audited', async () => {
      const inWords = (owner: string) =>
        container.minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
          description: `For ${owner}`,
          owner: { kind: 'other', name: owner },
          dueDate: null,
        });
      const petes = [await inWords('P. Morgan'), await inWords('P. Morgan')];
      await inWords('Community Safety Team');

      const log = (await officer.get(`/partnerships/${coventry}/actions`)).body;
      assert.match(log, /data-qa="owners-to-resolve-link"/);
      const list = (await officer.get(`/partnerships/${coventry}/actions/owners`)).body;
      assert.match(
        list,
        /<td class="govuk-table__cell">P. Morgan<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>/,
      );
      assert.match(list, /Community Safety Team/);

      const choose = `/partnerships/${coventry}/actions/owners/choose?owner=${encodeURIComponent('P. Morgan')}`;
      const form = await officer.get(choose);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /2 actions are owned by “P. Morgan”/);
      assert.doesNotMatch(form.body, /value="other"/, 'the words are already "someone else"');
      const missing = await officer.post(choose, { ownerKind: 'person' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Select the person/);
      const theirs = await officer.post(choose, { ownerKind: 'person', ownerPersonId: elsewhere.personId });
      assert.equal(theirs.statusCode, 400);
      assert.match(theirs.body, /Select a person of this partnership/);
      const asOther = await officer.post(choose, { ownerKind: 'other', owner: 'Someone' });
      assert.equal(asOther.statusCode, 400);

      const resolved = await officer.post(choose, { ownerKind: 'person', ownerPersonId: person.id });
      assert.equal(resolved.statusCode, 302);
      for (const id of petes) {
        const { action } = await container.actions.action(coventry, id, systemPrincipal);
        assert.deepEqual([action.owner, action.ownerPersonId, action.version], ['Pete Morgan', person.id, 2]);
      }
      const entries = await container.audit.list({ entityType: 'action' }, { limit: 50, offset: 0 });
      assert.equal(entries.rows.filter((row) => row.summary === 'Resolved the owner "P. Morgan" of an action as Pete Morgan').length, 2);
      const after = (await officer.get(`/partnerships/${coventry}/actions/owners`)).body;
      assert.doesNotMatch(after, /owner=P\.\+Morgan/);
      // Resolved already: the form is gone, and the list says so.
      const again = await officer.get(choose);
      assert.equal(again.statusCode, 302);
    });

    it('resolves owners in words once when ten officers choose at once', async () => {
      const ids = await Promise.all(
        [1, 2, 3].map((n) =>
          container.minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
            description: `Patrol ${n}`,
            owner: { kind: 'other', name: 'WMP' },
            dueDate: null,
          }),
        ),
      );
      const changed = await Promise.all(
        Array.from({ length: 10 }, () =>
          container.actions.resolveOwner(systemPrincipal, coventry, 'WMP', { kind: 'organisation', organisationId: organisation.id }),
        ),
      );
      assert.equal(
        changed.reduce((sum, n) => sum + n, 0),
        3,
        'each action changed once',
      );
      for (const id of ids) {
        const { action } = await container.actions.action(coventry, id, systemPrincipal);
        assert.deepEqual([action.owner, action.ownerOrganisationId, action.version], ['West Midlands Police', organisation.id, 2]);
      }
      const entries = await container.audit.list({ entityType: 'action' }, { limit: 100, offset: 0 });
      assert.equal(entries.rows.filter((row) => row.summary.startsWith('Resolved the owner "WMP"')).length, 3);
    });

    it('keeps the owners page to officers', async () => {
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'member.owners@example.com',
        name: 'A member',
        password: testPassword,
        isAdmin: false,
      });
      await container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null });
      const member = new Browser(officer.app);
      await member.signIn('member.owners@example.com', testPassword);
      assert.equal((await member.get(`/partnerships/${coventry}/actions/owners`)).statusCode, 403);
      assert.doesNotMatch((await member.get(`/partnerships/${coventry}/actions`)).body, /owners-to-resolve-link/);
    });
  });
}
