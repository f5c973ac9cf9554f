/** Composition root: the one place that builds services from their dependencies. */
import nodemailer from 'nodemailer';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { createDb, type DatabaseHandle } from './db/createDb.ts';
import { createPolicy, type Policy } from './platform/policy.ts';
import { systemPrincipal } from './platform/principal.ts';
import { createSecretBox } from './platform/secrets.ts';
import { mount, type MountedRoutes } from './web/module.ts';
import {
  accountDataAbout,
  accountRoutes,
  type AccountsService,
  createAccountsService,
  passwordResetJob,
  createSignInProvidersService,
  createSingleSignOnService,
  ownAccountRoutes,
  signInProviderRoutes,
  type SignInProvidersService,
  signInRoutes,
  singleSignOnRoutes,
  type SingleSignOnService,
  twoStepRoutes,
  twoStepSignInRoutes,
  resetLinkLifetimeMinutes,
} from './modules/accounts/index.ts';
import { actionRoutes, type ActionsService, actionsDataAbout, createActionsService } from './modules/actions/index.ts';
import { auditDataAbout, auditRoutes, type AuditTrail, createAuditTrail } from './modules/audit/index.ts';
import {
  createGovernanceService,
  governanceDataAbout,
  personIdsOfAccount,
  governanceAdminRoutes,
  governanceRoutes,
  type GovernanceService,
  homeRoutes,
  myInterestsRoutes,
} from './modules/governance/index.ts';
import {
  agendaRoutes,
  type AgendaService,
  attendanceRoutes,
  type AttendanceService,
  createAgendaService,
  createAttendanceService,
  createConfidentiality,
  createMeetingsService,
  createMeetingsFinding,
  createMemberWork,
  createMinutesService,
  createPapersService,
  type MeetingsService,
  type MinutesService,
  type PapersService,
  createWorkProgrammeService,
  type MeetingRouteDependencies,
  meetingRoutes,
  meetingStepRoutes,
  minutesRoutes,
  createMemberActsService,
  memberActRoutes,
  type MemberActsService,
  papersRoutes,
  publicationRoutes,
  type WorkProgrammeService,
  governanceReads,
  meetingsDataAbout,
  workProgrammeRoutes,
} from './modules/meetings/index.ts';
import {
  createLogMailer,
  createNotificationsService,
  createSmtpMailer,
  createNoticeSettingsService,
  finishedJobsKeptDays,
  noticesDataAbout,
  type GroupNotice,
  type Mailer,
  type NoticeSettingsService,
  noticeRoutes,
  type NotificationsService,
  unsubscribeTokens,
} from './modules/notifications/index.ts';
import { type CrimeDataService, crimeDataRoutes, heldFilesNotice, waitingFileView } from './modules/crimedata/index.ts';
import { wireCrimeData } from './crimeImportContainer.ts';
import { createOversightService, type OversightService, oversightRoutes } from './modules/oversight/index.ts';
import { areaFundingRoutes, createFundingService, type FundingService, fundingRoutes } from './modules/funding/index.ts';
import {
  createPerformanceFinding,
  createPerformanceService,
  type PerformanceService,
  performanceRoutes,
  publicPerformanceRoutes,
} from './modules/performance/index.ts';
import { createOverviewService, overviewRoutes } from './modules/overview/index.ts';
import { createMyWorkService, type MyWorkService } from './modules/mywork/index.ts';
import { createSubjectAccessService, privacyRoutes, type SubjectAccessService } from './modules/privacy/index.ts';
import { createStrategyService, type StrategyService, strategyRoutes } from './modules/strategy/index.ts';
import { agreedAtTasking, createTaskingService, type TaskingService, taskingRoutes } from './modules/tasking/index.ts';

export interface Container {
  config: Config;
  clock: Clock;
  database: DatabaseHandle;
  audit: AuditTrail;
  policy: Policy;
  accounts: AccountsService;
  signInProviders: SignInProvidersService;
  singleSignOn: SingleSignOnService;
  governance: GovernanceService;
  meetings: MeetingsService;
  agenda: AgendaService;
  attendance: AttendanceService;
  minutes: MinutesService;
  memberActs: MemberActsService;
  actions: ActionsService;
  papers: PapersService;
  workProgramme: WorkProgrammeService;
  notifications: NotificationsService;
  noticeSettings: NoticeSettingsService;
  strategy: StrategyService;
  performance: PerformanceService;
  funding: FundingService;
  crimeData: CrimeDataService;
  oversight: OversightService;
  tasking: TaskingService;
  myWork: MyWorkService;
  subjectAccess: SubjectAccessService;
  /** Every module's pages with what they need, for app.ts to register. */
  routes: MountedRoutes[];
}

/** SMTP when SMTP_URL is set; otherwise the log (config refuses production without SMTP_URL). */
function createMailer(config: Config): Mailer {
  if (!config.smtpUrl) return createLogMailer((line) => console.info(line));
  // Timeouts well inside a job's lease, so a hung server fails the attempt rather than the lease.
  const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 30_000, socketTimeout: 60_000 });
  return createSmtpMailer(transport, config.mailFrom);
}

/** The services, each of which a test may wrap as it is built (so that everything wired to it gets the wrapped one). */
export type Services = Omit<Container, 'config' | 'clock' | 'database' | 'routes'>;
export type ServiceOverrides = { [K in keyof Services]?: (built: Services[K]) => Services[K] };

export interface ContainerOptions {
  clock?: Clock;
  /** An open database (a test's); otherwise the one the configuration names. */
  database?: DatabaseHandle;
  mailer?: Mailer;
  overrides?: ServiceOverrides;
}

export function createContainer(config: Config, options: ContainerOptions = {}): Container {
  const { clock = systemClock, overrides = {} } = options;
  const mailer = options.mailer ?? createMailer(config);
  const handle = options.database ?? createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const built = <K extends keyof Services>(name: K, service: Services[K]): Services[K] => overrides[name]?.(service) ?? service;
  const audit = built('audit', createAuditTrail({ db: handle.db, clock }));
  const governance = built('governance', createGovernanceService({ db: handle.db, audit, clock }));
  // What meetings read of governance, as the narrow functions its services and pages name.
  const governanceForMeetings = governanceReads(governance);
  const agenda = built('agenda', createAgendaService({ db: handle.db, audit, clock }));
  const attendance = built('attendance', createAttendanceService({ db: handle.db, audit, clock, governance: governanceForMeetings }));
  const meetings = built('meetings', createMeetingsService({ db: handle.db, audit, clock, governance: governanceForMeetings }));
  const policy = built('policy', createPolicy({ selves: (partnershipId, userId) => governance.selves(partnershipId, userId) }));
  const confidentiality = createConfidentiality({ db: handle.db, policy });
  const actions = built(
    'actions',
    createActionsService({
      db: handle.db,
      audit,
      clock,
      policy,
      ownerRecords: async (partnershipId) => {
        const [people, organisations] = await Promise.all([
          governance.people.list(partnershipId),
          governance.organisations.list(partnershipId),
        ]);
        return { people, organisations };
      },
    }),
  );
  // Who a group's notice of a kind reaches (as each member chose), and sending it. Notifications are built further
  // down: these are called only once everything is built.
  const groupNotices = (kind: GroupNotice) => ({
    groupRecipients: (partnershipId: string, groupId: string) => notifications.groupRecipients(partnershipId, groupId, kind),
    notifyGroupMembers: (partnershipId: string, groupId: string, subject: string, text: string) =>
      notifications.notifyGroupMembers(partnershipId, groupId, kind, subject, text),
  });
  const minutes = built(
    'minutes',
    createMinutesService({
      db: handle.db,
      audit,
      clock,
      agenda,
      attendance,
      governance: governanceForMeetings,
      actions,
      confidentiality,
      ...groupNotices('minutes'),
      publicUrl: config.publicUrl,
      // Funding is built further down, from the minutes' decisions; this is called only once everything is built.
      decisionReliedOn: (trx, partnershipId, decisionId): Promise<string | null> =>
        funding.decisionReliedOn(trx, partnershipId, decisionId),
    }),
  );
  const signedLinks = unsubscribeTokens(config.sessionSecret);
  const notifications = built(
    'notifications',
    createNotificationsService({
      db: handle.db,
      engine: handle.engine,
      clock,
      mailer,
      partnershipIds: async () => (await governance.partnerships.list(null)).map(({ id }) => id),
      people: (partnershipId) => governance.people.list(partnershipId),
      currentMemberships: (partnershipId, filter) => governance.currentMemberships(partnershipId, filter),
      meeting: async (partnershipId, id) => (await meetings.get(partnershipId, id)).meeting,
      publicUrl: config.publicUrl,
      unsubscribeTokens: signedLinks,
    }),
  );
  const noticeSettings = built(
    'noticeSettings',
    createNoticeSettingsService({
      db: handle.db,
      clock,
      audit,
      unsubscribeTokens: signedLinks,
      groupsOf: async (partnershipId, personId) =>
        (await governance.currentMemberships(partnershipId, {}))
          .filter((m) => m.personId === personId)
          .map(({ groupId, groupName }) => ({ groupId, groupName })),
      person: async (partnershipId, personId) => {
        const [person] = await governance.people.list(partnershipId, { id: personId });
        return person ? { name: person.name, userId: person.userId } : null;
      },
      partnershipName: async (partnershipId) => (await governance.partnerships.get(null, partnershipId)).name,
    }),
  );
  const papers = built(
    'papers',
    createPapersService({
      db: handle.db,
      audit,
      confidentiality,
      clock,
      meetings,
      agenda,
      onAgendaPublished: (trx, published) => notifications.queueAgendaPublished(trx, published),
      onAgendaWithdrawn: (trx, withdrawn) => notifications.queueAgendaWithdrawn(trx, withdrawn),
    }),
  );
  const strategy = built(
    'strategy',
    createStrategyService({
      db: handle.db,
      audit,
      clock,
      groups: (partnershipId) => governance.groups.list(partnershipId, { includeArchived: true }),
      // The plan's actions were agreed outside meetings, so none is Part II: every reader sees them all.
      plannedActions: (partnershipId, ids) => actions.actionLog(partnershipId, systemPrincipal, { ids }),
      recordAction: (trx, actor, action, agreedFor) => actions.recordOutsideMeeting(trx, actor, action, agreedFor),
      actionOwner: (partnershipId, chosen) => actions.ownerOf(partnershipId, chosen),
    }),
  );
  const performance = built(
    'performance',
    createPerformanceService({
      db: handle.db,
      audit,
      clock,
      partnership: async (partnershipId) => (await governance.partnerships.list(null, { id: partnershipId }))[0],
      meetingStillToCome: (partnershipId, meetingId) => meetings.stillToCome(partnershipId, meetingId),
      attachReport: (actor, partnershipId, meetingId, report) => papers.attachReport(actor, partnershipId, meetingId, report),
      priorities: async (partnershipId) =>
        (await strategy.priorities.list(partnershipId, { includeArchived: true })).map(({ id, title, yearStarting, archivedAt }) => ({
          id,
          title,
          yearStarting,
          archivedAt,
        })),
      // Crime data is built further down; these are called only once everything is built.
      crimeFigures: {
        areaFigures: (partnershipIds, months) => crimeData.areaFigures(partnershipIds, months),
        peers: (partnershipId) => crimeData.peers(partnershipId),
      },
    }),
  );
  const funding = built(
    'funding',
    createFundingService({
      db: handle.db,
      audit,
      clock,
      // Every decision: the rules check which agreed an allocation, whoever asks.
      decisions: async (partnershipId) =>
        (await minutes.decisionsRegister(partnershipId, systemPrincipal)).map((d) => ({ ...d, confidential: d.itemConfidential === 1 })),
      groups: (partnershipId) => governance.groups.list(partnershipId),
      priorities: (partnershipId) => strategy.priorities.list(partnershipId, { includeArchived: true }),
      partnershipName: async (partnershipId) => (await governance.partnerships.get(null, partnershipId)).name,
      areaPartnerships: async (areaId) => (await governance.partnerships.list(null)).filter((p) => p.areaId === areaId),
      meetingToCome: (partnershipId, meetingId) => meetings.stillToCome(partnershipId, meetingId),
      attachReport: (actor, partnershipId, meetingId, report) => papers.attachReport(actor, partnershipId, meetingId, report),
    }),
  );
  // The member and chair roles follow the memberships and chair appointments of the person an account is: derived
  // when the principal is loaded, never granted.
  const accounts = built(
    'accounts',
    createAccountsService({
      db: handle.db,
      engine: handle.engine,
      audit,
      clock,
      chairs: { heldBy: (userId) => governance.appointmentsHeldBy(userId) },
      seatsHeld: (userId) => governance.seatsHeldBy(userId),
      linkPeople: (userId, email, mayJoin) => governance.linkByVerifiedEmail(userId, email, mayJoin),
      partnershipsAsPerson: async (userId) => (await governance.peopleOfAccount(userId)).map((person) => person.partnershipId),
      sessionSecret: config.sessionSecret,
      async placeNames() {
        const [partnerships, areas] = await Promise.all([
          governance.partnerships.list(null, { includeArchived: true }),
          governance.areas.list(null, { includeArchived: true }),
        ]);
        return { partnerships: new Map(partnerships.map((p) => [p.id, p.name])), areas: new Map(areas.map((a) => [a.id, a.name])) };
      },
      signIns: (userId, limit) => audit.signIns(userId, limit),
      queueJob: (trx, kind, payload) => notifications.enqueueJob(trx, kind, payload),
      sendEmail: (email) => mailer.send(email),
      publicUrl: config.publicUrl,
    }),
  );
  // A forgotten password's link is made and sent by a job, so that asking takes the same time whoever's address it is.
  notifications.handleJobs(passwordResetJob, (payload) => accounts.passwords.sendResetLink(payload));
  const signInProviders = built(
    'signInProviders',
    createSignInProvidersService({ db: handle.db, audit, clock, secrets: createSecretBox(config.sessionSecret) }),
  );
  const singleSignOn = built(
    'singleSignOn',
    createSingleSignOnService({
      db: handle.db,
      audit,
      providers: signInProviders,
      signInVouchedFor: (email, provider, address) => accounts.signInVouchedFor(email, provider, address),
      markEmailVerified: (userId) => accounts.markEmailVerified(userId),
      publicUrl: config.publicUrl,
    }),
  );
  const crimeData = built('crimeData', wireCrimeData(handle, { audit, clock, governance, jobs: notifications }));
  notifications.handleJobs(
    'crime-import',
    async (payload) => {
      await crimeData.runQueuedImport((payload as { importId: string }).importId);
    },
    // Given up on: failed with its reason, to be tried again from the page, never "importing" for ever.
    (trx, payload, error) => crimeData.failQueuedImport(trx, (payload as { importId: string }).importId, error),
  );
  // The area's overseers are told the files of an upload wait for them, with the page where they decide each.
  notifications.handleJobs('crime-import-held', async (payload) => {
    // An upload's files (a notice queued before notices went by upload names its one file).
    const files = await crimeData.heldFiles(payload as { batchId?: string; importId?: string });
    // Decided before the notice went: nothing waits.
    const first = files[0];
    if (!first) return;
    const { subject, text } = heldFilesNotice(
      files,
      (file) => `${config.publicUrl}/partnerships/${file.partnershipId}/crime-data/held/${file.id}`,
    );
    await notifications.enqueueEmails((await accounts.overseersOf(first.areaId)).map(({ email }) => ({ to: email, subject, text })));
  });
  const oversight = built(
    'oversight',
    createOversightService({
      partnershipsOfArea: async (areaId) =>
        (await governance.partnerships.list(null)).filter((p) => p.areaId === areaId).map(({ id, name }) => ({ id, name })),
      publishedMonths: (partnershipId) => crimeData.publishedMonths(partnershipId),
      areaFigures: (partnershipIds, months) => crimeData.areaFigures(partnershipIds, months),
    }),
  );
  const tasking = built(
    'tasking',
    createTaskingService({
      db: handle.db,
      audit,
      clock,
      partnershipName: async (partnershipId) => (await governance.partnerships.get(null, partnershipId)).name,
      group: (partnershipId, groupId) => governance.groups.get(partnershipId, groupId),
      organisation: (partnershipId, organisationId) => governance.organisations.get(partnershipId, organisationId),
      meetingsFrom: (partnershipId, groupId, from) => meetings.list(partnershipId, { groupId, from }),
      meetingStillToCome: (partnershipId, meetingId) => meetings.stillToCome(partnershipId, meetingId),
      attachReport: (actor, partnershipId, meetingId, report) => papers.attachReport(actor, partnershipId, meetingId, report),
      actions,
      crimeData,
      // An issued tasking document is published to the group, as an agenda is.
      ...groupNotices('publication'),
      publicUrl: config.publicUrl,
    }),
  );
  const workProgramme = built(
    'workProgramme',
    createWorkProgrammeService({ db: handle.db, audit, clock, governance: governanceForMeetings, meetings, agenda }),
  );
  const memberActs = built(
    'memberActs',
    createMemberActsService({ db: handle.db, audit, clock, agenda, minutes, confidentiality, governance: governanceForMeetings }),
  );
  const meetingsFinding = createMeetingsFinding({ db: handle.db, clock, meetings });
  const performanceFinding = createPerformanceFinding(performance);
  const overview = createOverviewService({
    partnerships: () => governance.partnerships.list(null),
    publicDigest: (partnershipId, count) => meetingsFinding.publicDigest(partnershipId, count),
    publishedReports: (partnershipId) => performanceFinding.publishedReports(partnershipId),
    findPublicMeetings: (words, limit) => meetingsFinding.findPublic(words, limit),
    partTwoReadership: (principal, partnershipId) => policy.partTwoReadership(principal, partnershipId),
    meetingsOverview: (partnershipId, readership) => meetingsFinding.overview(partnershipId, readership),
    // Counted, not listed: a partnership with years of history has hundreds of actions overdue.
    overdueActions: async (principal, partnershipId) =>
      (await actions.actionLogPage(partnershipId, principal, { overdue: true }, { limit: 0, offset: 0 })).total,
    latestReport: (partnershipId) => performanceFinding.latestReport(partnershipId),
    latestTasking: (partnershipId) => tasking.latestIssued(partnershipId),
    leftToAllocate: (partnershipId) => funding.leftToAllocate(partnershipId),
    pageVersion: (partnershipId) => meetings.pageVersion(partnershipId),
    findMeetings: (partnershipId, words, readership, limit) => meetingsFinding.find(partnershipId, words, readership, limit),
    findActions: (principal, partnershipId, words, limit) => actions.find(principal, partnershipId, words, limit),
    findPeopleAndOrganisations: (partnershipId, words, limit) => governance.find(partnershipId, words, limit),
  });
  const memberWork = createMemberWork({ db: handle.db, clock, meetings });
  const myWork = built(
    'myWork',
    createMyWorkService({
      clock,
      peopleOfAccount: (userId) => governance.peopleOfAccount(userId),
      groupsOf: async (partnershipId, userId) => (await governance.selves(partnershipId, userId)).groupIds,
      partTwoReadership: (principal, partnershipId) => policy.partTwoReadership(principal, partnershipId),
      memberWork: (partnershipId, groupIds, readership, since) => memberWork.forGroups(partnershipId, groupIds, readership, since),
      actionsOwned: (principal, partnershipId, ownedBy) => actions.actionLog(partnershipId, principal, { ownedBy }),
      interestsOf: (partnershipId, personId) => governance.listInterests(partnershipId, { personId }),
      // The newest sign-in began this session; the one before it was the last visit.
      previousSignIn: async (userId) => (await audit.list({ action: 'sign-in', userId }, { limit: 2, offset: 0 })).rows[1]?.at ?? null,
      partnerships: () => governance.partnerships.list(null),
      overview: (principal, partnership) => overview.partnership(principal, partnership),
    }),
  );
  // Each module gives what it holds about a person from its own tables, read in the export's one transaction.
  const subjectAccess = built(
    'subjectAccess',
    createSubjectAccessService({
      audit,
      clock,
      account: async (userId) => (await accounts.getUser(userId)).user,
      person: async (partnershipId, personId) =>
        (await governance.people.list(partnershipId, { id: personId, includeArchived: true }))[0] ?? null,
      personIdsOfAccount,
      governance: governanceDataAbout,
      parts: [meetingsDataAbout, actionsDataAbout, noticesDataAbout, accountDataAbout, auditDataAbout],
    }),
  );
  const meetingPages: MeetingRouteDependencies = {
    meetings,
    agenda,
    attendance,
    minutes,
    memberActs,
    papers,
    workProgramme,
    publicUrl: config.publicUrl,
    // The meeting pages confirm publishing and withdrawing agendas; the minutes' circulation asks minutes.
    groupRecipients: groupNotices('publication').groupRecipients,
    ...governanceForMeetings,
    mattersArising: (partnershipId, meeting, reader) => actions.mattersArising(partnershipId, meeting, reader),
    actionOwners: (partnershipId) => actions.ownerRecords(partnershipId),
  };
  return {
    config,
    clock,
    database: handle,
    audit,
    policy,
    accounts,
    signInProviders,
    singleSignOn,
    governance,
    meetings,
    agenda,
    attendance,
    minutes,
    memberActs,
    actions,
    papers,
    workProgramme,
    notifications,
    noticeSettings,
    strategy,
    performance,
    funding,
    crimeData,
    oversight,
    tasking,
    myWork,
    subjectAccess,
    routes: [
      mount(homeRoutes, {
        governance,
        waitingFiles: async () => (await crimeData.waitingFiles()).map(waitingFileView),
        async myWork(principal) {
          const work = await myWork.myWork(principal);
          return work && { ...work };
        },
      }),
      mount(signInRoutes, { accounts, providers: signInProviders, clock }),
      mount(singleSignOnRoutes, { singleSignOn, accounts, clock }),
      mount(signInProviderRoutes, {
        providers: signInProviders,
        allowLoopbackHttp: config.environment !== 'production',
        publicUrl: config.publicUrl,
      }),
      mount(ownAccountRoutes, { accounts, peopleOfAccount: (userId) => governance.peopleOfAccount(userId), clock }),
      mount(twoStepSignInRoutes, { accounts, clock }),
      mount(twoStepRoutes, { accounts, partnerships: () => governance.partnerships.list(null) }),
      mount(overviewRoutes, { overview }),
      mount(privacyRoutes, {
        subjectAccess,
        privacyContact: config.privacyContact,
        resetLinkMinutes: resetLinkLifetimeMinutes,
        finishedJobsKeptDays,
      }),
      mount(noticeRoutes, {
        settings: noticeSettings,
        peopleOfAccount: async (userId) =>
          (await governance.peopleOfAccount(userId)).map(({ partnershipId, personId, name }) => ({ partnershipId, personId, name })),
      }),
      mount(accountRoutes, {
        accounts,
        partnerships: () => governance.partnerships.list(null),
        areas: () => governance.areas.list(null),
        peopleOfAccount: (userId) => governance.peopleOfAccount(userId),
      }),
      mount(auditRoutes, {
        audit,
        users: () => accounts.listUsers(),
        partnerships: () => governance.partnerships.list(null, { includeArchived: true }),
      }),
      mount(governanceAdminRoutes, { governance }),
      mount(governanceRoutes, {
        governance,
        accounts: {
          accountOfPerson: (userId) => accounts.accountOfPerson(userId),
          accountToLink: (actor, partnershipId, email) => accounts.accountToLink(actor, partnershipId, email),
        },
        noticesOf: async (partnershipId, personId, name) => {
          const [notices] = await noticeSettings.settingsOf([{ partnershipId, personId, name }]);
          return notices ?? { groups: [], reminders: true, digest: false };
        },
      }),
      mount(myInterestsRoutes, { governance }),
      mount(actionRoutes, {
        actions,
        groups: (partnershipId) => governance.groups.list(partnershipId),
        agreedElsewhere: agreedAtTasking(tasking),
        pageVersion: (partnershipId) => meetings.pageVersion(partnershipId),
      }),
      mount(fundingRoutes, {
        funding,
        priorities: (partnershipId) => strategy.priorities.list(partnershipId, { includeArchived: true }),
        meetingsToCome: (partnershipId) => meetings.toCome(partnershipId),
      }),
      mount(areaFundingRoutes, { funding }),
      mount(oversightRoutes, { oversight }),
      mount(crimeDataRoutes, {
        crimeData,
        runJobs: () => notifications.runDueJobs(),
        // Every account has an address: an overseer is never without one.
        overseersOf: async (areaId) => ({ addressed: await accounts.overseersOf(areaId), withoutAddress: [] }),
      }),
      mount(taskingRoutes, {
        tasking,
        groups: (partnershipId) => governance.groups.list(partnershipId),
        organisations: (partnershipId) => governance.organisations.list(partnershipId),
        publishedMonths: (partnershipId) => crimeData.publishedMonths(partnershipId),
        meetingsToCome: (partnershipId, groupId) => meetings.toCome(partnershipId, { groupId }),
        meetingDate: async (partnershipId, meetingId) => (await meetings.get(partnershipId, meetingId)).meeting.meetingDate,
        mapTiles: config.mapTiles,
      }),
      mount(performanceRoutes, {
        performance,
        groups: (partnershipId) => governance.groups.list(partnershipId, { includeArchived: true }),
        meetingsToCome: (partnershipId) => meetings.toCome(partnershipId),
      }),
      mount(publicPerformanceRoutes, { performance }),
      mount(strategyRoutes, {
        strategy,
        groups: (partnershipId) => governance.groups.list(partnershipId, { includeArchived: true }),
        indicatorsForPriority: (partnershipId, priorityId) => performance.priorityIndicators(partnershipId, priorityId),
        actionOwners: (partnershipId) => actions.ownerRecords(partnershipId),
      }),
      ...[
        meetingRoutes,
        meetingStepRoutes,
        agendaRoutes,
        papersRoutes,
        attendanceRoutes,
        minutesRoutes,
        memberActRoutes,
        workProgrammeRoutes,
        publicationRoutes,
      ].map((routes) => mount(routes, meetingPages)),
    ],
  };
}
