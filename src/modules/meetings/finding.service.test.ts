import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, demoBoardMeeting, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import type { Container } from '../../container.ts';
import { noPartTwo } from '../../platform/policy.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { createMeetingsFinding, type MeetingsFinding } from './finding.service.ts';

for (const database of testDatabases()) {
  describe(`finding meetings business by words on ${database.engine}`, () => {
    let container: Container;
    let finding: MeetingsFinding;
    let coventry: string;
    let meetingId: string;

    before(async () => {
      let itemId: string;
      ({ container, coventry, meetingId, itemId } = await demoBoardMeeting(database));
      const { minutes, agenda, papers, meetings } = container;
      finding = createMeetingsFinding({ db: container.database.db, clock: container.clock, meetings });
      const partTwo = await addAgendaItem(agenda, coventry, meetingId, 'Case review of a named family', { confidential: true });
      await papers.publish(systemPrincipal, coventry, meetingId);
      await minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 0, 'Consultation on 100% of the city centre.');
      await minutes.saveNarrative(systemPrincipal, coventry, meetingId, partTwo, 0, 'The Smith household was rehoused.');
      const [board] = await container.governance.groups.list(coventry);
      const later = await scheduleMeeting(meetings, coventry, board?.id ?? '', '2016-09-15');
      await addAgendaItem(agenda, coventry, later, 'Unpublished Designated item');
      await minutes.circulate(systemPrincipal, coventry, meetingId, 1);
      await minutes.approve(systemPrincipal, coventry, meetingId, 2, later);
    });
    after(() => container.database.close());

    it('finds public items and approved minutes of published meetings only, never Part II', async () => {
      const found = await finding.findPublic('designated', 20);
      assert.deepEqual(
        found.map((f) => [f.kind, f.title]),
        [['item', 'Designated Public Places Order']],
      );
      assert.equal(found[0]?.href, `/public/partnerships/${coventry}/meetings/${meetingId}`);
      assert.deepEqual(
        (await finding.findPublic('city centre', 20)).map((f) => f.kind),
        ['minutes'],
      );
      assert.deepEqual(await finding.findPublic('Case review', 20), []);
      assert.deepEqual(await finding.findPublic('Smith', 20), []);
    });

    it('finds Part II business only for a reader of Part II, and takes wildcards as themselves', async () => {
      assert.deepEqual(await finding.find(coventry, 'Smith', noPartTwo, 20), []);
      assert.deepEqual(
        (await finding.find(coventry, 'Smith', { everyGroup: true }, 20)).map((f) => f.kind),
        ['minutes'],
      );
      assert.deepEqual(
        (await finding.find(coventry, '100%', noPartTwo, 20)).map((f) => f.kind),
        ['minutes'],
      );
      assert.deepEqual(await finding.find(coventry, '%', noPartTwo, 20).then((f) => f.filter((x) => x.kind === 'item')), []);
      assert.equal((await finding.find(coventry, 'designated', noPartTwo, 20)).length, 2, 'the unpublished item too, signed in');
      assert.deepEqual(await finding.find('another partnership', 'designated', { everyGroup: true }, 20), []);
    });

    it('finds what holds every word typed, in any order, and nothing that lacks one', async () => {
      assert.deepEqual(
        (await finding.findPublic('order  DESIGNATED places', 20)).map((f) => f.title),
        ['Designated Public Places Order'],
      );
      assert.deepEqual(
        (await finding.find(coventry, 'centre city', noPartTwo, 20)).map((f) => f.kind),
        ['minutes'],
      );
      assert.deepEqual(await finding.findPublic('designated abuse', 20), []);
      assert.deepEqual(await finding.find(coventry, 'designated 100%', noPartTwo, 20), []);
    });

    it('gives the public home the meetings with approved minutes', async () => {
      const { minutes } = await finding.publicDigest(coventry, 3);
      assert.deepEqual(
        minutes.map((m) => m.href),
        [`/public/partnerships/${coventry}/meetings/${meetingId}`],
      );
    });
  });
}
