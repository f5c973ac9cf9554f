import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import type { PriorityIndicator } from './index.ts';
import type { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';

const harmReduction = 'Coventry Harm Reduction and Vulnerable Victims Forum';
const board = 'Coventry Police, Crime and Community Safety Partnership Board';

/** The indicators the performance module would give for a priority. */
const indicators: PriorityIndicator[] = [
  { name: 'Domestic violence repeat victims', href: '/performance/dv', latest: '9.3% (2015/16)', status: 'On target', rag: 'green' },
  { name: 'Sexual offences', href: '/performance/so', latest: '412 (2015/16)', status: 'Not on target', rag: 'amber' },
  { name: 'Hate crime', href: '/performance/hate', latest: '527 (2015/16)', status: 'No target', rag: 'grey' },
];

describe('strategy pages for a Coventry officer', () => {
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let groupIds: Map<string, string>;
  let base: string;

  const suite = suiteScope();

  before(async () => {
    ({
      container,
      client: officer,
      coventry,
    } = await build(suite, {
      as: 'officer',
      overrides: { performance: (built) => ({ ...built, priorityIndicators: () => Promise.resolve(indicators) }) },
    }));
    groupIds = new Map((await container.governance.groups.list(coventry)).map((group) => [group.name, group.id]));
    base = `/partnerships/${coventry}/strategy`;
  });

  /** The id in the address a change redirected to. */
  const idFrom = (location: unknown, kind: string) => new RegExp(`/${kind}/([0-9a-f-]{36})`).exec(String(location))?.[1] ?? '';

  let assessmentId = '';
  let priorityId = '';
  let objectiveId = '';

  it('starts with no assessment, and keeps what was typed when the assessment form has errors', async () => {
    const home = await officer.get(base);
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /No strategic assessment has been recorded yet/);

    const wrong = await officer.post(`${base}/assessments`, {
      yearStarting: 'twenty sixteen',
      title: 'Strategic Assessment 2016/17',
      summary: '',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /id="yearStarting-error"[\s\S]*?Financial year starting must be a number/);
    assert.match(wrong.body, /id="summary-error"[\s\S]*?Enter a summary/);
    assert.match(wrong.body, /value="twenty sixteen"/);
    assert.match(wrong.body, /value="Strategic Assessment 2016\/17"/);
  });

  it('adds an assessment and refuses a second one for the same year', async () => {
    const form = {
      yearStarting: '2016',
      title: 'Coventry Strategic Assessment 2016/17',
      summary: 'Created by West Midlands Police analysts on behalf of the CSP',
      findings: 'Domestic abuse\nSexual violence',
      surveyResults: '',
    };
    const added = await officer.post(`${base}/assessments`, form);
    assert.equal(added.statusCode, 302);
    assessmentId = idFrom(added.headers.location, 'assessments');
    const page = await officer.get(`${base}/assessments/${assessmentId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Strategic assessment 2016\/17/);
    assert.match(page.body, /Domestic abuse<br \/>\s*Sexual violence/);

    const again = await officer.post(`${base}/assessments`, { ...form, title: 'A second one' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /id="yearStarting-error"[\s\S]*?There is already a strategic assessment for 2016\/17/);
    assert.match(again.body, /value="A second one"/);
  });

  it('asks which group owns a priority, and refuses a group or an assessment of another partnership', async () => {
    const priority = { assessmentId, title: 'Domestic abuse and sexual violence', description: '', ownership: 'group', ownerGroupId: '' };
    const noGroup = await officer.post(`${base}/priorities`, priority);
    assert.equal(noGroup.statusCode, 400);
    assert.match(noGroup.body, /id="ownerGroupId-error"[\s\S]*?Select the group that owns this priority/);
    assert.match(noGroup.body, /value="Domestic abuse and sexual violence"/);

    const plymouth = (await container.governance.partnerships.list(null)).find((p) => p.shortName.includes('Plymouth'));
    const [plymouthGroup] = await container.governance.groups.list(plymouth?.id ?? '');
    const elsewhere = await officer.post(`${base}/priorities`, { ...priority, ownerGroupId: plymouthGroup?.id ?? '' });
    assert.equal(elsewhere.statusCode, 400);
    assert.match(elsewhere.body, /Select a group of this partnership/);

    const unknownAssessment = await officer.post(`${base}/priorities`, {
      ...priority,
      assessmentId: 'not-an-id',
      ownership: 'cross_cutting',
    });
    assert.equal(unknownAssessment.statusCode, 400);
    assert.match(unknownAssessment.body, /Select a strategic assessment of this partnership/);

    const added = await officer.post(`${base}/priorities`, { ...priority, ownerGroupId: groupIds.get(harmReduction) ?? '' });
    assert.equal(added.statusCode, 302);
    priorityId = idFrom(added.headers.location, 'priorities');
    const page = await officer.get(`${base}/priorities/${priorityId}`);
    assert.match(page.body, new RegExp(`Owned by[\\s\\S]*?${harmReduction}`));
  });

  it('takes a cross-cutting priority, whose actions the board keeps', async () => {
    const added = await officer.post(`${base}/priorities`, {
      assessmentId,
      title: 'Road safety',
      description: '',
      ownership: 'cross_cutting',
      // A group chosen and then hidden by choosing cross-cutting is not kept.
      ownerGroupId: groupIds.get(harmReduction) ?? '',
    });
    assert.equal(added.statusCode, 302);
    const page = await officer.get(String(added.headers.location));
    assert.match(
      page.body,
      new RegExp(`Cross-cutting: owned collectively by the partnership. Its actions are in the action log of the ${board}`),
    );
    const form = await officer.get(`${String(added.headers.location)}/edit`);
    assert.match(form.body, /value="cross_cutting" checked/);
  });

  it('refuses a change made to a version someone else has changed, keeping the change typed', async () => {
    const change = {
      assessmentId,
      title: 'Domestic abuse',
      description: '',
      ownership: 'group',
      ownerGroupId: groupIds.get(harmReduction) ?? '',
    };
    assert.equal((await officer.post(`${base}/priorities/${priorityId}`, { ...change, version: '1' })).statusCode, 302);
    const stale = await officer.post(`${base}/priorities/${priorityId}`, { ...change, title: 'Domestic abuse (stale)', version: '1' });
    assert.equal(stale.statusCode, 400);
    assert.match(stale.body, /Someone else changed this record while you were editing it/);
    assert.match(stale.body, /value="Domestic abuse \(stale\)"/);
  });

  it('adds an objective and a plan action that goes into the owning group’s action log', async () => {
    const objective = await officer.post(`${base}/objectives`, {
      priorityId,
      title: 'Reduce repeat victims of domestic abuse',
      description: '',
      returnTo: `${base}/priorities/${priorityId}`,
    });
    assert.equal(objective.statusCode, 302);
    assert.equal(objective.headers.location, `${base}/priorities/${priorityId}`);
    objectiveId = (await container.strategy.objectives.list(coventry)).find((o) => o.priorityId === priorityId)?.id ?? '';

    const form = await officer.get(`${base}/objectives/${objectiveId}/actions/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`goes into the action log of the ${harmReduction}`));
    const wrong = await officer.post(`${base}/objectives/${objectiveId}/actions`, {
      description: '',
      ownerKind: 'other',
      owner: 'Community Safety Team',
      'dueDate-day': '31',
      'dueDate-month': '13',
      'dueDate-year': '2016',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /id="description-error"[\s\S]*?Enter the action/);
    assert.match(wrong.body, /id="dueDate-error"[\s\S]*?The due date must be a real date/);
    assert.match(wrong.body, /value="Community Safety Team"/);
    assert.match(wrong.body, /name="dueDate-month" type="text" value="13"/);

    const added = await officer.post(`${base}/objectives/${objectiveId}/actions`, {
      description: 'Review every repeat referral at the Forum',
      ownerKind: 'other',
      owner: 'Community Safety Team',
      'dueDate-day': '31',
      'dueDate-month': '12',
      'dueDate-year': '2016',
    });
    assert.equal(added.statusCode, 302);
    assert.equal(added.headers.location, `${base}/priorities/${priorityId}#objective-${objectiveId}`);

    const log = await officer.get(`/partnerships/${coventry}/actions?groupId=${groupIds.get(harmReduction) ?? ''}`);
    assert.match(log.body, /Review every repeat referral at the Forum[\s\S]*?Community safety plan/);
    const actionId = /actions\/([0-9a-f-]{36})">Review every repeat referral/.exec(log.body)?.[1] ?? '';
    const action = await officer.get(`/partnerships/${coventry}/actions/${actionId}`);
    assert.match(action.body, new RegExp(`${harmReduction}: an action of the community safety plan`));
  });

  it('shows a priority’s objectives, indicators by RAG and open actions, and the whole plan', async () => {
    const page = await officer.get(`${base}/priorities/${priorityId}`);
    const section = (qa: string) => page.body.slice(page.body.indexOf(`data-qa="${qa}"`));
    assert.match(section('objectives'), /Reduce repeat victims of domestic abuse[\s\S]*?1 action, 1 still to do/);
    assert.match(section('indicators'), /Domestic violence repeat victims[\s\S]*?9.3% \(2015\/16\)[\s\S]*?govuk-tag--green">On target/);
    assert.match(section('indicators'), /govuk-tag--yellow">Not on target/);
    assert.match(section('indicators'), /govuk-tag--grey">No target/);
    assert.match(section('open-actions'), /Review every repeat referral at the Forum[\s\S]*?31 December 2016/);

    const plan = await officer.get(`${base}/assessments/${assessmentId}/plan`);
    assert.equal(plan.statusCode, 200);
    assert.match(plan.body, /Community safety plan 2016\/17/);
    assert.match(
      plan.body,
      /1\. <a[^>]*>Domestic abuse<\/a>[\s\S]*?1\.1 <a[^>]*>Reduce repeat victims of domestic abuse<\/a>[\s\S]*?Review every repeat referral/,
    );
    assert.match(plan.body, /2\. <a[^>]*>Road safety<\/a>/);

    const home = await officer.get(base);
    assert.match(home.body, /Priorities for 2016\/17[\s\S]*?Domestic abuse[\s\S]*?Harm Reduction[\s\S]*?Road safety[\s\S]*?Cross-cutting/);
  });

  it('takes documents checked by their content, and gives them back as attachments', async () => {
    const documents = `${base}/assessments/${assessmentId}/documents`;
    const fake = await officer.upload(
      documents,
      { title: 'Public survey' },
      { name: 'survey.pdf', content: Buffer.from('Not really a PDF') },
    );
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /href="#file">The selected file must be a PDF, Word document/);
    assert.match(fake.body, /id="file-error"/);
    assert.match(fake.body, /value="Public survey"/);

    const none = await officer.post(documents, { title: 'Nothing attached' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select a file/);

    const pdf = await pdfOf('Strategic Assessment 2016/17');
    const added = await officer.upload(documents, { title: '' }, { name: 'Strategic Assessment 2016-17.pdf', content: pdf });
    assert.equal(added.statusCode, 302);
    const page = await officer.get(`${base}/assessments/${assessmentId}`);
    const documentId = /documents\/([0-9a-f-]{36})">Strategic Assessment 2016-17</.exec(page.body)?.[1] ?? '';
    const download = await officer.get(`${documents}/${documentId}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="strategic-assessment-2016-17.pdf"$/);
    assert.ok(download.rawPayload.equals(pdf));

    const stale = await officer.post(`${documents}/${documentId}/remove`, { version: '7' });
    assert.equal(stale.statusCode, 302);
    assert.match((await officer.get(`${base}/assessments/${assessmentId}`)).body, /Someone else changed this record/);
    await officer.post(`${documents}/${documentId}/remove`, { version: '1' });
    assert.equal((await officer.get(`${documents}/${documentId}`)).statusCode, 404);
  });
});
