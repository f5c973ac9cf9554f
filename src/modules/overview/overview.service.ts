/**
 * Finding one's way: the public home (every partnership's published meetings, approved minutes and
 * performance reports), the public search, a partnership's overview (what needs doing, each figure from the
 * module that owns it) and the search across a partnership. This module owns no tables: each figure and
 * each search comes from its module through a narrow function in its dependencies (wired in container.ts).
 */
import type { MoneyLeft } from '../funding/index.ts';
import type { MeetingLink, MeetingsOverview } from '../meetings/index.ts';
import type { PublishedReport, ReportLink } from '../performance/index.ts';
import { listed } from '../../platform/wording.ts';
import { type Found, type FoundKind, foundPerKind, holdsEveryWord } from '../../platform/finding.ts';
import { type Access, isAllowed, type PartTwoReadership } from '../../platform/policy.ts';
import { keyOf, keyOfReader, kept } from '../../platform/kept.ts';
import type { Principal } from '../../platform/principal.ts';

export interface PublicPartnership {
  id: string;
  name: string;
  upcoming: MeetingLink[];
  minutes: MeetingLink[];
  reports: ReportLink[];
}

/** The public home: the partnerships that publish, by name, and those with nothing published yet. */
export interface PublicHome {
  publishing: PublicPartnership[];
  nothingYet: { id: string; name: string }[];
}

export interface TaskingLink {
  title: string;
  issuedOn: string;
  href: string;
}

/** A partnership's overview: each part null when the viewer's role may not open the page it comes from. */
export interface PartnershipOverview {
  meetings: MeetingsOverview | null;
  overdueActions: number | null;
  latestReport: { report: ReportLink | null } | null;
  latestTasking: { document: TaskingLink | null } | null;
  money: MoneyLeft | null;
}

export interface FoundGroup {
  kind: FoundKind;
  heading: string;
  found: Found[];
}

export interface OverviewDependencies {
  /** The partnerships that are not archived. */
  partnerships: () => Promise<{ id: string; name: string; shortName: string }[]>;
  publicDigest: (partnershipId: string, count: number) => Promise<{ upcoming: MeetingLink[]; minutes: MeetingLink[] }>;
  publishedReports: (partnershipId: string) => Promise<PublishedReport[]>;
  findPublicMeetings: (words: string, limit: number) => Promise<Found[]>;
  partTwoReadership: (principal: Principal, partnershipId: string) => Promise<PartTwoReadership>;
  meetingsOverview: (partnershipId: string, readership: PartTwoReadership) => Promise<MeetingsOverview>;
  overdueActions: (principal: Principal, partnershipId: string) => Promise<number>;
  latestReport: (partnershipId: string) => Promise<ReportLink | null>;
  latestTasking: (partnershipId: string) => Promise<TaskingLink | null>;
  leftToAllocate: (partnershipId: string) => Promise<MoneyLeft>;
  /** A word that changes whenever anything the overview is read from could (decision 0057). */
  pageVersion: (partnershipId: string) => Promise<string>;
  findMeetings: (partnershipId: string, words: string, readership: PartTwoReadership, limit: number) => Promise<Found[]>;
  findActions: (principal: Principal, partnershipId: string, words: string, limit: number) => Promise<Found[]>;
  findPeopleAndOrganisations: (partnershipId: string, words: string, limit: number) => Promise<Found[]>;
}

export interface OverviewService {
  publicHome(): Promise<PublicHome>;
  /** Public material only: published agendas and papers, approved minutes, published reports; never Part II or a draft. */
  publicSearch(words: string): Promise<FoundGroup[]>;
  partnership(principal: Principal, partnership: { id: string; areaId: string }): Promise<PartnershipOverview>;
  /** The partnership's records that hold the words, as the principal may see them; nothing of another partnership. */
  search(principal: Principal, partnershipId: string, words: string): Promise<FoundGroup[]>;
}

/** How many of each a partnership's entry on the public home shows. */
const shownOnPublicHome = 3;

/** The kinds in the order results show them, with their headings. */
const kindHeadings: [FoundKind, string][] = [
  ['partnership', 'Partnerships'],
  ['meeting', 'Meetings'],
  ['item', 'Agenda items'],
  ['paper', 'Papers'],
  ['minutes', 'Minutes'],
  ['decision', 'Decisions'],
  ['action', 'Actions'],
  ['report', 'Performance reports'],
  ['person', 'People'],
  ['organisation', 'Organisations'],
];

export function groupFound(found: readonly Found[]): FoundGroup[] {
  return kindHeadings
    .map(([kind, heading]) => ({ kind, heading, found: found.filter((entry) => entry.kind === kind).slice(0, foundPerKind) }))
    .filter((group) => group.found.length > 0);
}

/** The page each part of the overview leads to decides who sees it: the part is shown to whoever may open the page. */
const overviewAccess: Record<keyof PartnershipOverview, Access> = {
  meetings: 'partnership:view',
  overdueActions: 'partnership:view',
  latestReport: 'partnership:view',
  latestTasking: 'partnership:view',
  money: 'partnership:view',
};

/** How many partnership overviews are kept at once, each for one reader (decision 0057). */
const overviewsKept = 256;

export function createOverviewService(deps: OverviewDependencies): OverviewService {
  /** The overview as one reader may see it: each part read from the module that owns it. */
  async function readOverview(principal: Principal, partnership: { id: string; areaId: string }): Promise<PartnershipOverview> {
    const may = (part: keyof PartnershipOverview) => isAllowed(principal, overviewAccess[part], partnership);
    const id = partnership.id;
    const [meetings, overdueActions, latestReport, latestTasking, money] = await Promise.all([
      may('meetings') ? deps.meetingsOverview(id, await deps.partTwoReadership(principal, id)) : null,
      may('overdueActions') ? deps.overdueActions(principal, id) : null,
      may('latestReport') ? deps.latestReport(id).then((report) => ({ report })) : null,
      may('latestTasking') ? deps.latestTasking(id).then((document) => ({ document })) : null,
      may('money') ? deps.leftToAllocate(id) : null,
    ]);
    return { meetings, overdueActions, latestReport, latestTasking, money };
  }
  // Kept for each reader while nothing it is read from changes, to the minute: one indexed read decides.
  const overviews = kept<PartnershipOverview>(overviewsKept);

  return {
    async publicHome() {
      const partnerships = (await deps.partnerships()).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
      const digests = await Promise.all(
        partnerships.map(async ({ id, name }) => {
          const [{ upcoming, minutes }, reports] = await Promise.all([deps.publicDigest(id, shownOnPublicHome), deps.publishedReports(id)]);
          return { id, name, upcoming, minutes, reports: reports.slice(0, shownOnPublicHome) };
        }),
      );
      // Those with something to read come first; the rest are named once, at the end.
      const publishes = (p: PublicPartnership) => p.upcoming.length + p.minutes.length + p.reports.length > 0;
      return {
        publishing: digests.filter(publishes),
        nothingYet: digests.filter((p) => !publishes(p)).map(({ id, name }) => ({ id, name })),
      };
    },

    async publicSearch(words) {
      const partnerships = await deps.partnerships();
      const [meetings, reports] = await Promise.all([
        deps.findPublicMeetings(words, foundPerKind),
        Promise.all(partnerships.map(async ({ id, name }) => ({ name, reports: await deps.publishedReports(id) }))),
      ]);
      const named: Found[] = partnerships
        .filter((p) => holdsEveryWord(`${p.name} ${p.shortName}`, words))
        .map((p) => ({
          kind: 'partnership',
          title: p.name,
          detail: 'Published meetings and performance reports',
          href: `/public/partnerships/${p.id}/meetings`,
        }));
      // A report is found by its title, its partnership or what it reports on, and says which of its indicators matched.
      const reported: Found[] = reports.flatMap(({ name, reports: published }) =>
        published
          .filter((report) => holdsEveryWord(`${report.title} ${name} ${report.covers.join(' ')}`, words))
          .map((report) => {
            const matched = report.covers.filter((indicator) => holdsEveryWord(indicator, words));
            const detail = matched.length ? `${name}. Reports on ${listed(matched)}` : name;
            return { kind: 'report' as const, title: report.title, detail, href: report.href };
          }),
      );
      return groupFound([...named, ...meetings, ...reported]);
    },

    async partnership(principal, partnership) {
      // The partnership as the request read it (its name is shown, and what a reader may do follows from it).
      const key = keyOf([partnership, await deps.pageVersion(partnership.id), keyOfReader(principal)]);
      return overviews(key, () => readOverview(principal, partnership));
    },

    async search(principal, partnershipId, words) {
      const readership = await deps.partTwoReadership(principal, partnershipId);
      const found = await Promise.all([
        deps.findMeetings(partnershipId, words, readership, foundPerKind),
        deps.findActions(principal, partnershipId, words, foundPerKind),
        deps.findPeopleAndOrganisations(partnershipId, words, foundPerKind),
      ]);
      return groupFound(found.flat());
    },
  };
}
