import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, demoBoardMeeting, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';

for (const database of testDatabases()) {
  describe(`minutes and decisions on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let meetingId: string;
    let itemId: string;

    before(async () => {
      ({ container, coventry, meetingId, itemId } = await demoBoardMeeting(database));
    });
    after(() => container.database.close());

    it('keeps the minutes of an item, refusing a save over someone else’s', async () => {
      await container.minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 0, 'The review of the DPPO was presented.');
      await container.minutes.saveNarrative(
        systemPrincipal,
        coventry,
        meetingId,
        itemId,
        1,
        'The review of the DPPO was presented and discussed.',
      );
      await assert.rejects(container.minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 1, 'Overwrite'), ConflictError);
      const minutes = await container.minutes.itemMinutes(coventry, meetingId, itemId);
      assert.equal(minutes.narrative, 'The review of the DPPO was presented and discussed.');
      assert.equal(minutes.version, 2);
    });

    it('marks the decisions of an inquorate meeting as deferred, but not what was noted', async () => {
      const decision = { recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null };
      await container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, {
        ...decision,
        outcome: 'supported',
        wording: 'Recommendations 4.1 and 4.2 were supported',
      });
      await container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, {
        ...decision,
        outcome: 'noted',
        wording: 'The report was noted',
      });
      const before = await container.minutes.decisionsRegister(coventry, systemPrincipal);
      assert.ok(
        before.every((d) => !d.deferredForQuorum),
        'no attendance recorded: nothing is deferred',
      );

      const { members } = await container.attendance.attendance(coventry, meetingId);
      await container.attendance.record(systemPrincipal, coventry, meetingId, '', {
        members: members.map(({ member }) => ({ membershipId: member.id, status: 'apologies', substitutePersonId: null })),
        inAttendance: [],
        minuteTaker: null,
      });
      const after = await container.minutes.decisionsRegister(coventry, systemPrincipal);
      assert.deepEqual(
        after.map((d) => [d.wording, d.deferredForQuorum]),
        [
          ['Recommendations 4.1 and 4.2 were supported', true],
          ['The report was noted', false],
        ],
      );
      assert.equal(after[0]?.itemTitle, 'Designated Public Places Order');
    });

    it('searches the decisions register by words and by outcome, a page at a time', async () => {
      const all = await container.minutes.decisionsRegister(coventry, systemPrincipal);
      assert.ok(all.length > 0);
      assert.deepEqual(
        (await container.minutes.decisionsRegister(coventry, systemPrincipal, 'SUPPORTED')).map((d) => d.wording),
        all.filter((d) => d.outcome === 'supported' || /supported/i.test(d.wording)).map((d) => d.wording),
      );
      assert.equal(
        (await container.minutes.decisionsRegister(coventry, systemPrincipal, 'public places')).length,
        all.length,
        'the item title matches',
      );
      assert.deepEqual(await container.minutes.decisionsRegister(coventry, systemPrincipal, 'no such words'), []);
      const page = await container.minutes.decisionsRegisterPage(coventry, systemPrincipal, undefined, { limit: 1, offset: 0 });
      assert.equal(page.total, all.length);
      assert.equal(page.decisions[0]?.id, all[0]?.id);
    });

    it('counts a vote of voting members present only, carried by the majority the terms require', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const votedAt = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-09-15');
      const item = await addAgendaItem(container.agenda, coventry, votedAt, 'Funding for the night-time economy');
      const { members } = await container.attendance.attendance(coventry, votedAt);
      const voters = members.filter(({ member }) => member.voting).slice(0, 10);
      await container.attendance.record(systemPrincipal, coventry, votedAt, '', {
        members: members.map(({ member }) => ({
          membershipId: member.id,
          status: voters.some((v) => v.member.id === member.id) ? 'present' : 'apologies',
          substitutePersonId: null,
        })),
        inAttendance: [],
        minuteTaker: null,
      });
      const vote = (votesFor: number, votesAgainst: number, votesAbstaining: number) =>
        container.minutes.addDecision(systemPrincipal, coventry, votedAt, item, {
          outcome: 'agreed',
          wording: `Agreed by ${votesFor} to ${votesAgainst}`,
          recommendedTo: null,
          votesFor,
          votesAgainst,
          votesAbstaining,
        });
      await assert.rejects(vote(8, 2, 1), (error: unknown) => {
        assert.ok(error instanceof FieldValidationError);
        assert.match(error.message, /11 votes were entered but 10 voting members were present/);
        return true;
      });
      await vote(6, 3, 1);
      await vote(4, 4, 2);
      await vote(3, 5, 0);
      const register = await container.minutes.decisionsRegister(coventry, systemPrincipal, 'Agreed by');
      assert.deepEqual(
        register.map((d) => [d.wording, d.outcome, d.vote]),
        [
          ['Agreed by 6 to 3', 'agreed', { carried: true, needed: 5 }],
          ['Agreed by 4 to 4', 'not_agreed', { carried: false, needed: 5 }],
          ['Agreed by 3 to 5', 'not_agreed', { carried: false, needed: 5 }],
        ],
      );
      // Stored as the vote gave it, not as "agreed" and "not carried" at once.
      const stored = await container.database.db
        .selectFrom('decisions')
        .select(['wording', 'outcome'])
        .where('wording', '=', 'Agreed by 3 to 5')
        .executeTakeFirstOrThrow();
      assert.equal(stored.outcome, 'not_agreed');
    });

    it('refuses a vote at a meeting whose attendance is not recorded', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const unrecorded = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-09-29');
      const item = await addAgendaItem(container.agenda, coventry, unrecorded, 'Street pastors');
      const decision = {
        outcome: 'agreed' as const,
        wording: 'Fund the pastors',
        recommendedTo: null,
        votesAgainst: 5,
        votesAbstaining: 0,
      };
      await assert.rejects(
        container.minutes.addDecision(systemPrincipal, coventry, unrecorded, item, { ...decision, votesFor: 3 }),
        (error: unknown) =>
          error instanceof FieldValidationError &&
          error.field === 'votesFor' &&
          error.message === 'Record attendance before recording a vote',
      );
      // Without a vote, the decision is recorded as it was minuted.
      await container.minutes.addDecision(systemPrincipal, coventry, unrecorded, item, {
        ...decision,
        votesFor: null,
        votesAgainst: null,
        votesAbstaining: null,
      });
      assert.equal((await container.minutes.itemMinutes(coventry, unrecorded, item)).decisions[0]?.outcome, 'agreed');
    });

    it('puts right a decision, a declaration and an action on draft minutes, or removes them, each audited', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const draft = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-08-18');
      const item = await addAgendaItem(container.agenda, coventry, draft, 'Night-time economy');
      const [person] = await container.governance.people.list(coventry);
      const plain = { recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null };
      const decision = await container.minutes.addDecision(systemPrincipal, coventry, draft, item, {
        ...plain,
        outcome: 'agreed',
        wording: 'Fund two street pastors',
      });
      const declaration = await container.minutes.addDeclaration(systemPrincipal, coventry, draft, item, {
        personId: person?.id ?? '',
        interestId: null,
        nature: 'Trustee of a bidder',
      });
      const action = await container.minutes.addAction(systemPrincipal, coventry, draft, item, {
        description: 'Write to the pastors',
        owner: { kind: 'other', name: 'Officer' },
        dueDate: null,
      });

      await container.minutes.changeEntry(systemPrincipal, coventry, draft, item, decision, 1, {
        kind: 'decision',
        input: { ...plain, outcome: 'supported', wording: 'Fund three street pastors' },
      });
      await container.minutes.changeEntry(systemPrincipal, coventry, draft, item, declaration, 1, {
        kind: 'declaration',
        input: { personId: person?.id ?? '', interestId: null, nature: 'Trustee of a bidding charity' },
      });
      await container.minutes.changeEntry(systemPrincipal, coventry, draft, item, action, 1, {
        kind: 'action',
        input: { description: 'Write to the three pastors', owner: { kind: 'other', name: 'Officer' }, dueDate: '2016-09-01' },
      });
      const changed = await container.minutes.itemMinutes(coventry, draft, item);
      assert.deepEqual(
        [changed.decisions[0]?.outcome, changed.decisions[0]?.wording, changed.declarations[0]?.nature, changed.actions[0]?.description],
        ['supported', 'Fund three street pastors', 'Trustee of a bidding charity', 'Write to the three pastors'],
      );
      assert.equal(changed.actions[0]?.version, 2);
      const { rows: updates } = await container.audit.list({ action: 'update', entityType: 'decision' }, { limit: 10, offset: 0 });
      const entry = updates.find((row) => row.entityId === decision);
      assert.match(entry?.beforeJson ?? '', /Fund two street pastors/);
      assert.match(entry?.afterJson ?? '', /Fund three street pastors/);

      for (const [kind, id] of [
        ['decision', decision],
        ['declaration', declaration],
        ['action', action],
      ] as const) {
        await container.minutes.removeEntry(systemPrincipal, coventry, draft, item, kind, id, 2);
        const { rows } = await container.audit.list({ action: 'delete', entityType: kind }, { limit: 10, offset: 0 });
        assert.ok(
          rows.some((row) => row.entityId === id && row.afterJson === null && row.beforeJson),
          kind,
        );
      }
      const emptied = await container.minutes.itemMinutes(coventry, draft, item);
      assert.deepEqual([emptied.decisions, emptied.declarations, emptied.actions], [[], [], []]);
      await assert.rejects(container.minutes.removeEntry(systemPrincipal, coventry, draft, item, 'decision', decision, 2), /not found/i);
    });

    it('changes or removes an entry only from the version the user saw: of ten changes from one version, one is saved', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const draft = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-09-01');
      const item = await addAgendaItem(container.agenda, coventry, draft, 'Street pastors');
      const [person] = await container.governance.people.list(coventry);
      const plain = { recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null };
      const entries = {
        decision: await container.minutes.addDecision(systemPrincipal, coventry, draft, item, {
          ...plain,
          outcome: 'agreed',
          wording: 'Fund two street pastors',
        }),
        declaration: await container.minutes.addDeclaration(systemPrincipal, coventry, draft, item, {
          personId: person?.id ?? '',
          interestId: null,
          nature: 'Trustee of a bidder',
        }),
        action: await container.minutes.addAction(systemPrincipal, coventry, draft, item, {
          description: 'Write to the pastors',
          owner: { kind: 'other', name: 'Officer' },
          dueDate: null,
        }),
      };
      const changes = (n: number) =>
        [
          { kind: 'decision', input: { ...plain, outcome: 'agreed', wording: `Fund ${n} street pastors` } },
          { kind: 'declaration', input: { personId: person?.id ?? '', interestId: null, nature: `Trustee of bidder ${n}` } },
          { kind: 'action', input: { description: `Write to pastor ${n}`, owner: { kind: 'other', name: 'Officer' }, dueDate: null } },
        ] as const;
      for (const kind of ['decision', 'declaration', 'action'] as const) {
        const tries = await Promise.allSettled(
          Array.from({ length: 10 }, (_, n) => {
            const change = changes(n).find((candidate) => candidate.kind === kind);
            assert.ok(change);
            return container.minutes.changeEntry(systemPrincipal, coventry, draft, item, entries[kind], 1, change);
          }),
        );
        assert.equal(tries.filter((t) => t.status === 'fulfilled').length, 1, kind);
        assert.ok(
          tries.every((t) => t.status === 'fulfilled' || t.reason instanceof ConflictError),
          kind,
        );
        // A stale removal is refused too; one from the version now stored goes through.
        await assert.rejects(container.minutes.removeEntry(systemPrincipal, coventry, draft, item, kind, entries[kind], 1), ConflictError);
        await container.minutes.removeEntry(systemPrincipal, coventry, draft, item, kind, entries[kind], 2);
      }
      const emptied = await container.minutes.itemMinutes(coventry, draft, item);
      assert.deepEqual([emptied.decisions, emptied.declarations, emptied.actions], [[], [], []]);
    });

    it('refuses an action due before the day of its meeting, when recorded and when changed', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const draft = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-08-11');
      const item = await addAgendaItem(container.agenda, coventry, draft, 'Licensing');
      const action = { description: 'Visit the late bars', owner: { kind: 'other', name: 'Officer' } } as const;
      const dueTooEarly = (error: unknown) =>
        error instanceof FieldValidationError &&
        error.field === 'dueDate' &&
        error.message === 'The due date must be on or after the day of the meeting, 11 August 2016';
      await assert.rejects(
        container.minutes.addAction(systemPrincipal, coventry, draft, item, { ...action, dueDate: '2016-08-10' }),
        dueTooEarly,
      );
      const onTheDay = await container.minutes.addAction(systemPrincipal, coventry, draft, item, { ...action, dueDate: '2016-08-11' });
      await assert.rejects(
        container.minutes.changeEntry(systemPrincipal, coventry, draft, item, onTheDay, 1, {
          kind: 'action',
          input: { ...action, dueDate: '2015-08-11' },
        }),
        dueTooEarly,
      );
      const [kept] = (await container.minutes.itemMinutes(coventry, draft, item)).actions;
      assert.deepEqual([kept?.dueDate, kept?.version], ['2016-08-11', 1]);
    });

    it('refuses to remove an action that already has updates in the action log', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const draft = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-08-25');
      const item = await addAgendaItem(container.agenda, coventry, draft, 'CCTV');
      const action = await container.minutes.addAction(systemPrincipal, coventry, draft, item, {
        description: 'Map the cameras',
        owner: { kind: 'other', name: 'Officer' },
        dueDate: null,
      });
      await container.actions.updateAction(systemPrincipal, coventry, action, 1, { status: 'in_progress', note: 'Started' });
      await assert.rejects(
        container.minutes.removeEntry(systemPrincipal, coventry, draft, item, 'action', action, 2),
        (error: unknown) => error instanceof FieldValidationError && /already has updates/.test(error.message),
      );
      assert.equal((await container.minutes.itemMinutes(coventry, draft, item)).actions.length, 1);
    });

    it('goes from draft to circulated, approved at the next meeting and signed; then it cannot change', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const next = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-10-20');
      await assert.rejects(
        container.minutes.sign(systemPrincipal, coventry, meetingId, 1, 'Cllr Abbott'),
        FieldValidationError,
        'not before approval',
      );
      await container.minutes.circulate(systemPrincipal, coventry, meetingId, 1);
      await assert.rejects(
        container.minutes.approve(systemPrincipal, coventry, meetingId, 2, meetingId),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'atMeetingId',
      );
      await container.minutes.approve(systemPrincipal, coventry, meetingId, 2, next);
      await container.minutes.sign(systemPrincipal, coventry, meetingId, 3, 'Cllr Abbott');
      const life = await container.minutes.life(coventry, meetingId);
      assert.equal(life.status, 'signed');
      assert.equal(life.signedBy, 'Cllr Abbott');
      assert.equal(life.approvedAtMeeting?.meetingDate, '2016-10-20');

      const decision = {
        outcome: 'agreed' as const,
        wording: 'Too late',
        recommendedTo: null,
        votesFor: null,
        votesAgainst: null,
        votesAbstaining: null,
      };
      await assert.rejects(
        container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, decision),
        /approved and cannot change/,
      );
      await assert.rejects(
        container.minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 2, 'Rewritten'),
        /approved and cannot change/,
      );
      const [signedDecision] = (await container.minutes.itemMinutes(coventry, meetingId, itemId)).decisions;
      assert.ok(signedDecision);
      await assert.rejects(
        container.minutes.changeEntry(systemPrincipal, coventry, meetingId, itemId, signedDecision.id, signedDecision.version, {
          kind: 'decision',
          input: decision,
        }),
        /approved and cannot change/,
      );
      await assert.rejects(
        container.minutes.removeEntry(systemPrincipal, coventry, meetingId, itemId, 'decision', signedDecision.id, signedDecision.version),
        /approved and cannot change/,
      );
      await container.minutes.amend(systemPrincipal, coventry, meetingId, 'Item 4: for "4.2" read "4.3"');
      const amended = await container.minutes.life(coventry, meetingId);
      assert.deepEqual(
        amended.amendments.map((a) => a.correction),
        ['Item 4: for "4.2" read "4.3"'],
      );
      assert.equal(
        (await container.minutes.itemMinutes(coventry, meetingId, itemId)).narrative,
        'The review of the DPPO was presented and discussed.',
      );
    });
  });
}
