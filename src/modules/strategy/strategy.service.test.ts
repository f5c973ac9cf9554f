import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { seedDemo } from '../governance/index.ts';
import { seedDemoStrategy } from './index.ts';

const harmReduction = 'Coventry Harm Reduction and Vulnerable Victims Forum';
const board = 'Coventry Police, Crime and Community Safety Partnership Board';

for (const database of testDatabases()) {
  describe(`the strategy on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let plymouth: string;
    let groupIds: Map<string, string>;
    let assessmentId: string;

    before(async () => {
      container = createContainer(testConfig, {
        clock: { now: () => new Date('2016-09-01T09:00:00Z') },
        database: await database.create(),
      });
      const partnerships = await seedDemo(container.governance);
      coventry = partnerships.get('coventry') ?? '';
      plymouth = partnerships.get('plymouth') ?? '';
      groupIds = new Map((await container.governance.groups.list(coventry)).map((group) => [group.name, group.id]));
      assessmentId = await container.strategy.assessments.create(systemPrincipal, coventry, {
        yearStarting: 2017,
        title: 'Strategic Assessment 2017/18',
        summary: 'Created by West Midlands Police analysts on behalf of the CSP',
        findings: 'Domestic abuse remains the priority',
        surveyResults: null,
      });
    });
    after(() => container.database.close());

    const priority = (title: string, ownerGroupId: string | null) =>
      container.strategy.priorities.create(systemPrincipal, coventry, { assessmentId, title, description: null, ownerGroupId });
    const objective = (priorityId: string, title: string) =>
      container.strategy.objectives.create(systemPrincipal, coventry, { priorityId, title, description: null });
    const auditOf = async (entityType: string) =>
      (await container.audit.list({ entityType, partnershipId: coventry }, { limit: 100, offset: 0 })).rows;

    it('keeps one assessment a year', async () => {
      const again = container.strategy.assessments.create(systemPrincipal, coventry, {
        yearStarting: 2017,
        title: 'Another',
        summary: 'x',
        findings: 'y',
        surveyResults: null,
      });
      await assert.rejects(again, (error: unknown) => error instanceof FieldValidationError && error.field === 'yearStarting');
    });

    it('refuses a priority owned by another partnership’s group, and takes a cross-cutting one', async () => {
      const [plymouthGroup] = await container.governance.groups.list(plymouth);
      await assert.rejects(
        priority('Anti-social behaviour', plymouthGroup?.id ?? ''),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'ownerGroupId',
      );
      const roads = await priority('Road safety', null);
      const saved = await container.strategy.priorities.get(coventry, roads);
      assert.equal(saved.ownerGroupId, null);
      assert.equal(saved.yearStarting, 2017);
      // Nor may one partnership's priority be set by another's assessment.
      await assert.rejects(
        container.strategy.priorities.create(systemPrincipal, plymouth, {
          assessmentId,
          title: 'x',
          description: null,
          ownerGroupId: null,
        }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'assessmentId',
      );
    });

    it('puts a plan action in the action log of the owning group, and lists it among the priority’s open actions', async () => {
      const domesticAbuse = await priority('Domestic abuse', groupIds.get(harmReduction) ?? '');
      const repeatVictims = await objective(domesticAbuse, 'Reduce repeat victims');
      const { actionId, owner } = await container.strategy.addPlanAction(systemPrincipal, coventry, repeatVictims, {
        description: 'Review every repeat referral at the Forum',
        owner: { kind: 'other', name: 'Community Safety Team' },
        dueDate: '2016-12-31',
      });
      assert.equal(owner.name, harmReduction);

      const log = await container.actions.actionLog(coventry, systemPrincipal, { groupId: groupIds.get(harmReduction) ?? '' });
      const logged = log.find((action) => action.id === actionId);
      assert.equal(logged?.meetingId, null);
      assert.equal(logged?.status, 'open');

      const page = await container.strategy.priority(coventry, domesticAbuse);
      assert.deepEqual(
        page.openActions.map((action) => action.description),
        ['Review every repeat referral at the Forum'],
      );
      assert.deepEqual(
        page.objectives.map((o) => [o.title, o.actions.length]),
        [['Reduce repeat victims', 1]],
      );

      const [audited] = (await auditOf('action')).filter((entry) => entry.entityId === actionId);
      assert.match(audited?.summary ?? '', /Recorded an action for Community Safety Team for the objective "Reduce repeat victims"/);

      // Done, it is no longer open, but stays in the plan.
      await container.actions.updateAction(systemPrincipal, coventry, actionId, 1, { status: 'done', note: 'Reviewed' });
      assert.deepEqual((await container.strategy.priority(coventry, domesticAbuse)).openActions, []);
      const plan = await container.strategy.plan(coventry, assessmentId);
      const planned = plan.priorities.find((p) => p.id === domesticAbuse)?.objectives[0]?.actions ?? [];
      assert.deepEqual(
        planned.map((action) => action.status),
        ['done'],
      );
    });

    it('gives the actions of a cross-cutting priority to the board', async () => {
      const onlineCrime = await priority('On-line crime', null);
      const awareness = await objective(onlineCrime, 'Raise awareness of on-line fraud');
      const { actionId, owner } = await container.strategy.addPlanAction(systemPrincipal, coventry, awareness, {
        description: 'Run an awareness campaign',
        owner: { kind: 'other', name: 'All agencies' },
        dueDate: null,
      });
      assert.equal(owner.name, board);
      const log = await container.actions.actionLog(coventry, systemPrincipal, { groupId: groupIds.get(board) ?? '' });
      assert.ok(log.some((action) => action.id === actionId));
      assert.equal((await container.strategy.priority(coventry, onlineCrime)).actionOwner?.name, board);
    });

    it('refuses an action on an archived objective, and a change made to a stale version', async () => {
      const asb = await priority('Anti-social behaviour', groupIds.get(board) ?? '');
      const hotspots = await objective(asb, 'Tackle hotspots');
      await container.strategy.objectives.setArchived(systemPrincipal, coventry, hotspots, 1, true);
      await assert.rejects(
        container.strategy.addPlanAction(systemPrincipal, coventry, hotspots, {
          description: 'Patrol',
          owner: { kind: 'other', name: 'Police' },
          dueDate: null,
        }),
        FieldValidationError,
      );
      const change = { assessmentId, title: 'Anti-social behaviour and nuisance', description: null, ownerGroupId: null };
      await container.strategy.priorities.update(systemPrincipal, coventry, asb, 1, change);
      await assert.rejects(container.strategy.priorities.update(systemPrincipal, coventry, asb, 1, change), ConflictError);
      assert.ok((await auditOf('priority')).some((entry) => entry.entityId === asb && entry.action === 'update'));
    });

    it('keeps the documents of an assessment: checked by their content, given back byte for byte', async () => {
      await assert.rejects(
        container.strategy.attachDocument(systemPrincipal, coventry, assessmentId, {
          fileName: 'assessment.pdf',
          bytes: Buffer.from('Only words, not a PDF'),
          title: null,
        }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'file',
      );
      const pdf = await pdfOf('Strategic Assessment 2017/18');
      const id = await container.strategy.attachDocument(systemPrincipal, coventry, assessmentId, {
        fileName: 'Strategic Assessment.pdf',
        bytes: pdf,
        title: null,
      });
      const { document, content } = await container.strategy.document(coventry, assessmentId, id);
      assert.equal(document.title, 'Strategic Assessment');
      assert.equal(document.contentType, 'application/pdf');
      assert.ok(content.equals(pdf));
      // Another partnership cannot reach it.
      await assert.rejects(container.strategy.document(plymouth, assessmentId, id), NotFoundError);

      await assert.rejects(container.strategy.removeDocument(systemPrincipal, coventry, assessmentId, id, 2), ConflictError);
      await container.strategy.removeDocument(systemPrincipal, coventry, assessmentId, id, 1);
      await assert.rejects(container.strategy.document(coventry, assessmentId, id), NotFoundError);
      assert.deepEqual((await auditOf('assessment_document')).map((entry) => entry.action).sort(), ['archive', 'create']);
    });

    it('seeds Coventry’s 2016/17 strategy once, its priorities owned as the minute says', async () => {
      const earlier = new Set((await container.actions.actionLog(coventry, systemPrincipal)).map((a) => a.id));
      const seeded = await seedDemoStrategy(container, coventry);
      const countActions = async () => (await container.actions.actionLog(coventry, systemPrincipal)).length;
      const actionsBefore = await countActions();
      assert.equal(await seedDemoStrategy(container, coventry), seeded);
      assert.equal(await countActions(), actionsBefore);
      // The plan's actions are owned by the partnership's organisations.
      const planned = (await container.actions.actionLog(coventry, systemPrincipal)).filter((a) => !earlier.has(a.id));
      assert.ok(planned.length > 0);
      assert.ok(
        planned.every((a) => a.ownerOrganisationId !== null),
        planned.map((a) => a.owner).join(', '),
      );

      const { current, priorities } = await container.strategy.overview(coventry);
      assert.equal(current?.yearStarting, 2016);
      assert.deepEqual(
        priorities.map((p) => p.ownerGroupName),
        [
          'Coventry Community Safety Partnership City Tasking Group',
          harmReduction,
          'Coventry Offender Management Group',
          'Coventry Prevent Group',
          null,
          null,
        ],
      );
      const harm = await container.strategy.priority(coventry, priorities[1]?.id ?? '');
      assert.equal(harm.objectives.length, 2);
      assert.equal(harm.openActions.length, 3);
    });
  });
}
