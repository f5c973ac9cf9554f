/** Real addresses for route patterns, using records of the seeded demo: for tests that walk every route. */
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Container } from '../../src/container.ts';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { pdfOf } from './papers.ts';
import { cityOfLondonForce, doctoredFile } from './policeuk.ts';
import { addAgendaItem, scheduleMeeting } from './meetings.ts';
import { seedDemoPerformance } from '../../src/modules/performance/index.ts';
import { seedDemoStrategy } from '../../src/modules/strategy/index.ts';
import { seedDemoFunding } from '../../src/modules/funding/index.ts';
import { unsubscribeTokens } from '../../src/modules/notifications/index.ts';

export interface RouteSampler {
  /** The address of a pattern such as /partnerships/:partnershipId/groups/:id, for a Coventry record. */
  url(pattern: string): string;
  coventry: string;
  areaId: string;
}

const wildcards: Record<string, string> = {
  '/assets/govuk/*': '/assets/govuk/govuk-frontend.min.css',
  '/assets/moj/*': '/assets/moj/moj-frontend.min.css',
  '/assets/safer/*': '/assets/safer/safer.css',
  '/assets/leaflet/*': '/assets/leaflet/leaflet.js',
  '/assets/*': '/assets/images/favicon.ico',
};

/**
 * A throwaway Coventry member account with its role, for the routes about an account and a role (removing the
 * role, or the account's status, harms no one a test signs in as).
 */
export async function spareAccount(container: Container, coventry: string): Promise<{ userId: string; grantId: string }> {
  const { accounts } = container;
  const userId = await accounts.createUser(systemPrincipal, {
    email: 'spare@example.com',
    name: 'Spare',
    password: 'a long enough password',
    isAdmin: false,
  });
  await accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null });
  const [grant] = (await accounts.getUser(userId)).grants;
  return { userId, grantId: grant?.id ?? '' };
}

/** Picks one Coventry record of each kind (adding an interest and a meeting, which the demo has none of). */
export async function sampleRoutes(
  container: Container,
  coventry: string,
  account: { userId: string; grantId: string },
): Promise<RouteSampler> {
  const { governance } = container;
  const [partnership] = await governance.partnerships.list(null, { id: coventry });
  const [board] = await governance.groups.list(coventry);
  const [membership] = await governance.memberships.list(coventry);
  const [appointment] = await governance.chairAppointments.list(coventry);
  const [person] = await governance.people.list(coventry);
  const [organisation] = await governance.organisations.list(coventry);
  assert.ok(partnership && board && membership && appointment && person && organisation, 'the demo has Coventry records');
  const interest = await governance.interests.create(systemPrincipal, coventry, {
    personId: person.id,
    category: 'employment',
    description: 'Trustee of a local charity',
    declaredOn: '2016-07-21',
    endedOn: null,
  });
  const meeting = await scheduleMeeting(container.meetings, coventry, board.id, '2026-04-09', '10:00');
  const itemId = await addAgendaItem(container.agenda, coventry, meeting, 'Strategic Assessment', { presenter: 'Partnership Analyst' });
  const action = await container.minutes.addAction(systemPrincipal, coventry, meeting, itemId, {
    description: 'Circulate the Strategic Assessment',
    owner: { kind: 'other', name: 'All agencies' },
    dueDate: '2026-04-30',
  });
  // A paper on the public item, and the agenda published, so that the public pages have something to show.
  const paperId = await container.papers.upload(systemPrincipal, coventry, meeting, itemId, {
    fileName: 'Strategic Assessment.pdf',
    bytes: await pdfOf('Strategic Assessment'),
    title: null,
  });
  await container.papers.publish(systemPrincipal, coventry, meeting);
  // Its minutes approved at the next meeting, so that their public version is published too.
  const nextMeeting = await scheduleMeeting(container.meetings, coventry, board.id, '2026-07-09', '10:00');
  await container.minutes.approve(systemPrincipal, coventry, meeting, 1, nextMeeting);
  const plannedId = await container.workProgramme.add(systemPrincipal, coventry, board.id, {
    title: 'Annual report',
    notes: null,
    plannedMeetingId: null,
  });
  // The demo's approved Quarter 4, 2015-16 report, so that its public pages have something to show.
  await seedDemoPerformance(container.governance, container.performance, coventry);
  const [indicator] = await container.performance.indicators.list(coventry);
  assert.ok(indicator, 'the demo has indicators');
  // Coventry's 2016/17 strategy, with a document on its assessment.
  const assessmentId = await seedDemoStrategy(container, coventry);
  const [priority] = await container.strategy.priorities.list(coventry);
  const [objective] = await container.strategy.objectives.list(coventry);
  assert.ok(priority && objective, 'the demo strategy has priorities and objectives');
  const documentId = await container.strategy.attachDocument(systemPrincipal, coventry, assessmentId, {
    fileName: 'Strategic Assessment 2016-17.pdf',
    bytes: await pdfOf('Strategic Assessment 2016/17'),
    title: null,
  });
  // Coventry's 2016/17 funding, its returns in (released in April 2016, it owes one for each quarter: nothing
  // spent), and a carry-over waiting for the funder's decision.
  const fundingYear = await seedDemoFunding(container, coventry);
  const { allocations } = await container.funding.year(coventry, fundingYear);
  const nothingSpent = allocations.map((a) => ({ allocationId: a.id, spent: 0, forecast: null }));
  for (const quarter of [1, 2, 3, 4] as const)
    await container.funding.saveSpend(systemPrincipal, coventry, fundingYear, quarter, nothingSpent);
  await container.funding.requestCarryOver(systemPrincipal, coventry, fundingYear, { amount: 1_000_00, reason: 'Contingency not needed' });
  const [allocation] = allocations;
  assert.ok(allocation, 'the demo funding has allocations');
  // Crime data: two months of the City of London's police.uk files (the fixtures), counted for Coventry as if it
  // were the City, so that the hotspots have something to rank; and an upload of one of them, imported.
  const policeUk = join(import.meta.dirname, '..', 'fixtures', 'policeuk');
  await cityOfLondonForce(container, coventry);
  await container.crimeData.setArea(systemPrincipal, coventry, 'E22000180');
  for (const month of ['2025-11', '2025-12']) {
    await container.crimeData.importFile(systemPrincipal, join(policeUk, `${month}-city-of-london-street.csv`));
  }
  const upload = await container.crimeData.receiveUpload(systemPrincipal, {
    partnershipId: coventry,
    batchId: 'sample-upload',
    fileName: '2025-12-city-of-london-street.csv',
    content: createReadStream(join(policeUk, '2025-12-city-of-london-street.csv')),
  });
  await container.crimeData.runQueuedImport(upload.id);
  // And a doctored December in the same upload, held for the overseer: it would replace the month held.
  const held = await container.crimeData.receiveUpload(systemPrincipal, {
    partnershipId: coventry,
    batchId: 'sample-upload',
    fileName: 'doctored.csv',
    content: Readable.from([doctoredFile('2025-12-city-of-london-street.csv', { crimeType: 'Burglary' })]),
  });
  await container.crimeData.runQueuedImport(held.id);
  // Tasking: a priority location of two of the City's LSOAs, and an agency's patrols there.
  const { lsoas } = await container.tasking.placeChoices(coventry);
  const locationId = await container.tasking.createLocation(systemPrincipal, coventry, {
    name: 'City core',
    kind: 'lsoa',
    places: lsoas.slice(0, 2).map((lsoa) => lsoa.code),
    reason: null,
  });
  const taskingActionId = await container.tasking.recordAction(systemPrincipal, coventry, {
    groupId: board.id,
    month: '2025-12',
    target: `location:${locationId}`,
    resource: 'patrols',
    organisationId: organisation.id,
    startsOn: '2026-01-05',
    endsOn: '2026-01-09',
    description: 'Foot patrols',
  });
  // The walkers who are not officers are people of the agency that owns it, and so may report its result.
  const accounts = await container.accounts.listUsers();
  for (const walker of ['chair', 'member', 'analyst']) {
    const personId = await container.governance.people.create(systemPrincipal, coventry, {
      name: walker,
      jobTitle: null,
      organisationId: organisation.id,
      email: `${walker}@example.com`,
    });
    const account = accounts.find((user) => user.email === `${walker}@example.com`);
    if (account) await container.governance.linkAccount(systemPrincipal, coventry, personId, account.id);
  }
  const signInProviderId = await container.signInProviders.create(systemPrincipal, {
    name: 'Sample Police',
    issuer: 'https://login.sample-police.example',
    clientId: 'safer',
    clientSecret: 'a sample secret',
    domains: ['sample-police.example'],
  });
  // A chart of the demo's report, named by the hash of what it shows, as its page links to it.
  const { report } = await container.performance.report(coventry, '2015-16 Q4');
  const [chart] = (await container.performance.charts(report.indicators)).values();
  const params: Record<string, string> = {
    partnershipId: coventry,
    providerId: signInProviderId,
    grantId: account.grantId,
    version: '1',
    itemId,
    plannedId,
    paperId,
    quarter: '2015-16-q4',
    file: 'report.pdf',
    chart: `${chart?.key ?? ''}.svg`,
    indicatorId: indicator.id,
    documentId,
    year: '2016-17',
    q: 'q1',
    areaId: partnership.areaId,
    batchId: 'sample-upload',
    importId: held.id,
    locationId,
    actionId: taskingActionId,
    groupId: board.id,
    month: '2025-12',
    // An e-mail's unsubscribe link, signed as the app signs it.
    token: unsubscribeTokens(container.config.sessionSecret).sign({
      partnershipId: coventry,
      personId: person.id,
      kind: 'publication',
      groupId: board.id,
    }),
    // A hotspot neighbourhood's own page: one of the area's LSOAs.
    lsoaCode: (await container.crimeData.areaLsoas(coventry, '2025-12'))[0]?.code ?? '',
  };
  // A decision, declaration and action on draft minutes (a meeting's own, as the sample meeting's are approved), and
  // for each removal one of their own, so that every walker finds something to remove.
  const draftMeeting = await scheduleMeeting(container.meetings, coventry, board.id, '2026-03-12', '10:00');
  const draftItem = await addAgendaItem(container.agenda, coventry, draftMeeting, 'Night-time economy');
  const entries = async (): Promise<Record<string, string>> => ({
    decisions: await container.minutes.addDecision(systemPrincipal, coventry, draftMeeting, draftItem, {
      outcome: 'noted',
      wording: 'The Strategic Assessment was noted',
      recommendedTo: null,
      votesFor: null,
      votesAgainst: null,
      votesAbstaining: null,
    }),
    declarations: await container.minutes.addDeclaration(systemPrincipal, coventry, draftMeeting, draftItem, {
      personId: person.id,
      interestId: null,
      nature: 'Trustee of a local charity',
    }),
    actions: await container.minutes.addAction(systemPrincipal, coventry, draftMeeting, draftItem, {
      description: 'Share the Strategic Assessment',
      owner: { kind: 'other', name: 'All agencies' },
      dueDate: null,
    }),
  });
  const entry = await entries();
  // Each walk (and the outsider's) asks for the page and the removal of each kind: twenty of each is room for them all.
  const toRemove: Record<string, string[]> = {};
  for (let walk = 0; walk < 20; walk += 1) {
    for (const [kind, id] of Object.entries(await entries())) (toRemove[kind] ??= []).push(id);
  }
  // An :id is the record named by the path segment before it.
  const idAfter: Record<string, string> = {
    '/admin/users/': account.userId,
    '/admin/sign-in-providers/': signInProviderId,
    '/admin/areas/': partnership.areaId,
    '/admin/partnerships/': coventry,
    '/organisations/': organisation.id,
    '/people/': person.id,
    '/groups/': board.id,
    '/memberships/': membership.id,
    '/interests/': interest,
    '/chair-appointments/': appointment.id,
    '/meetings/': meeting,
    '/actions/': action,
    '/indicators/': indicator.id,
    '/strategy/assessments/': assessmentId,
    '/strategy/priorities/': priority.id,
    '/strategy/objectives/': objective.id,
    '/allocations/': allocation.id,
  };
  return {
    coventry,
    areaId: partnership.areaId,
    url(pattern) {
      if (wildcards[pattern]) return wildcards[pattern];
      const kind = /\/minutes\/(\w+)\/:entryId/.exec(pattern)?.[1] ?? '';
      const entryId = pattern.endsWith('/:entryId/remove')
        ? (toRemove[kind]?.pop() ?? assert.fail('more removals than sampled entries'))
        : entry[kind];
      return pattern.replace(/:(\w+)/g, (_, name: string, offset: number) => {
        if (name === 'entryId') return entryId ?? '';
        if (pattern.includes(':entryId') && (name === 'itemId' || name === 'id')) return name === 'id' ? draftMeeting : draftItem;
        if (name !== 'id') return params[name] ?? '';
        const prefix = Object.keys(idAfter).find((key) => pattern.slice(0, offset).endsWith(key));
        return prefix ? (idAfter[prefix] ?? '') : '';
      });
    },
  };
}
