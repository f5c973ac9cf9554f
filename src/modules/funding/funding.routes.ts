/**
 * Funding pages: each year's grant and the life of its money — allocations proposed by an officer, agreed
 * by a board decision and released by the chair — the quarterly spend returns (typed in, or imported from
 * a CSV file), the quarterly financial report, the year end with its carry-over request and the funder's
 * decision, and the funder's view of every partnership of an area side by side.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { words } from '../../core/csvRecords.ts';
import { financialYearName, formatDate, formatDayOf } from '../../core/dates.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../core/errors.ts';
import { digits, formatMoney, formatMoneyChange, formatPercentChange, plural, readPounds } from '../../core/numbers.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { sendCsv, sendFile } from '../../web/csv.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { errorsFor, type Field, type FormErrors, type TypedValues } from '../../web/forms.ts';
import { isAllowed } from '../../web/permissions.ts';
import { checkedValues, queryValues, single, versionOf } from '../../web/query.ts';
import { type Crumb, partnershipCrumbs, recordChoices } from '../../web/recordPages.ts';
import { formatDateTime, type PageRenderer } from '../../web/render.ts';
import { uploadedFile, withUpload } from '../../web/uploads.ts';
import type { MeetingsService } from '../meetings/index.ts';
import {
  allocationFields,
  allocationSchema,
  attachFields,
  attachSchema,
  carryOverDecisionFields,
  carryOverDecisionSchema,
  carryOverFields,
  carryOverSchema,
  carryOverStateNames,
  grantFields,
  grantSchema,
} from './funding.schemas.ts';
import {
  type AllocationMove,
  allocationAllows,
  allocationRefusal,
  allocationStateNames,
  yearAllows,
  yearRefusal,
  yearSituation,
} from './allocationLife.ts';
import type { FundingService, ReportFormat, SpendInput } from './funding.service.ts';
import type {
  AllocationState,
  AllocationView,
  AreaFundingRow,
  CarryOverView,
  DecisionLink,
  FundingYear,
  GrantView,
  Quarter,
} from './funding.types.ts';
import { type PositionLine, unspent } from './position.ts';

type Params = { partnershipId: string; year?: string; q?: string; id?: string; file?: string; areaId?: string };

const actorOf = (request: FastifyRequest) => ({ userId: request.principal?.userId ?? null });
const paramsOf = (request: FastifyRequest) => request.params as Params;
const partnershipIdOf = (request: FastifyRequest) => paramsOf(request).partnershipId;
const fundingPath = (partnershipId: string) => `/partnerships/${partnershipId}/funding`;
const base = (request: FastifyRequest) => fundingPath(partnershipIdOf(request));

/** A financial year in an address: 2016/17 is 2016-17. */
export const yearSlug = (yearStarting: number): string => financialYearName(yearStarting).replace('/', '-');

/** The year an address names ('2016-17'), or null when it names none: the second half must be the next year. */
export function yearFromSlug(slug: string): number | null {
  const match = /^(\d{4})-(\d{2})$/.exec(slug);
  if (!match) return null;
  const start = Number(match[1]);
  return Number(match[2]) === (start + 1) % 100 ? start : null;
}

/** A quarter in an address: q1 to q4. */
export function quarterFromSlug(slug: string): Quarter | null {
  const match = /^q([1-4])$/.exec(slug);
  return match ? (Number(match[1]) as Quarter) : null;
}

/** An amount held in pence as a person would type it in a form: 409728 pounds is "409,728", and pence show when there are some. */
export function typedPounds(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  const size = Math.abs(Math.round(pence));
  return `${pence < 0 ? '-' : ''}${digits(size / 100, size % 100 === 0 ? 0 : 2)}`;
}

const yearOf = (request: FastifyRequest): number => {
  const year = yearFromSlug(paramsOf(request).year ?? '');
  if (year === null) throw new NotFoundError('funding year');
  return year;
};
const quarterOf = (request: FastifyRequest): Quarter => {
  const quarter = quarterFromSlug(paramsOf(request).q ?? '');
  if (quarter === null) throw new NotFoundError('quarter');
  return quarter;
};

const quarterName = (quarter: Quarter, yearStarting: number) => `Quarter ${quarter}, ${financialYearName(yearStarting)}`;
const byReference = (a: AllocationView, b: AllocationView) => a.reference - b.reference;
const truncate = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

/** GOV.UK tag colours for an allocation's state. */
const stateTagClasses: Record<AllocationState, string> = {
  proposed: 'govuk-tag--blue',
  agreed: 'govuk-tag--purple',
  released: 'govuk-tag--green',
  withdrawn: 'govuk-tag--grey',
};
const carryOverTagClasses = { requested: 'govuk-tag--blue', agreed: 'govuk-tag--green', declined: 'govuk-tag--red' } as const;

const decisionView = (decision: DecisionLink | null) =>
  decision
    ? {
        href: decision.href,
        text: `${decision.groupName}, ${formatDate(decision.meetingDate)}`,
        date: formatDate(decision.meetingDate),
        wording: decision.wording,
      }
    : null;

/** The money figures of a line of the position, written out. */
const lineView = (line: PositionLine) => ({
  allocated: formatMoney(line.allocated),
  spentToDate: formatMoney(line.spentToDate),
  forecast: formatMoney(line.forecast),
  variance: formatMoney(line.variance),
  underspend: formatMoney(line.underspend),
  missingReturns: line.missingReturns.map((quarter) => `Q${quarter}`).join(', '),
});

/** "−£136,576 (−25%) on 2015/16’s £546,304", or null when last year's grant is not known. */
function changeText(grant: GrantView, change: FundingYear['change']): string | null {
  if (!change || grant.previousAmount === null) return null;
  const percent = change.percent === null ? '' : ` (${formatPercentChange(change.percent)})`;
  return `${formatMoneyChange(change.difference)}${percent} on ${financialYearName(grant.yearStarting - 1)}’s ${formatMoney(grant.previousAmount)}`;
}

function carryOverInText(grant: GrantView): string {
  const agreed = grant.carryOverAgreed;
  if (!agreed) return formatMoney(grant.carryOver);
  return `${formatMoney(grant.carryOver)}, agreed${agreed.by ? ` by ${agreed.by}` : ''} on ${formatDayOf(agreed.on) ?? 'an unrecorded date'}`;
}

/** The grant's summary list rows. */
function grantRows(grant: GrantView, change: FundingYear['change']) {
  return [
    { key: 'Funder', value: grant.funder },
    { key: 'Grant', value: formatMoney(grant.amount) },
    { key: 'Change on last year', value: changeText(grant, change) ?? 'Not known: last year’s grant is not recorded' },
    { key: 'Carry-over from last year', value: carryOverInText(grant) },
    ...(grant.notes ? [{ key: 'Notes', value: grant.notes }] : []),
  ];
}

function carryOverView(carryOver: CarryOverView | null) {
  if (!carryOver) return null;
  return {
    ...carryOver,
    stateName: carryOverStateNames[carryOver.state],
    tagClass: carryOverTagClasses[carryOver.state],
    rows: [
      { key: 'Requested', value: formatMoney(carryOver.requested) },
      { key: 'Why', value: carryOver.reason },
      {
        key: 'Asked',
        value: `${formatDateTime(carryOver.requestedAt)}${carryOver.requestedBy ? ` by ${carryOver.requestedBy}` : ''}`,
      },
      ...(carryOver.state === 'requested'
        ? []
        : [
            ...(carryOver.agreed === null ? [] : [{ key: 'Agreed', value: formatMoney(carryOver.agreed) }]),
            {
              key: 'Decided',
              value: `${formatDateTime(carryOver.decidedAt)}${carryOver.decidedBy ? ` by ${carryOver.decidedBy}` : ''}`,
            },
            ...(carryOver.funderNote ? [{ key: 'The funder’s note', value: carryOver.funderNote }] : []),
          ]),
    ],
  };
}

function text(body: Record<string, unknown>, name: string): string {
  return (single(body[name]) ?? '').trim();
}

/** A rule the service checks, as a message for the form: next to its field, or above the form. */
function problemOf(error: unknown): Record<string, string> {
  if (error instanceof FieldValidationError) return { [error.field]: error.message };
  if (error instanceof ConflictError) return { form: error.message };
  throw error;
}

/** A priority of the strategy, which an allocation may serve: given by the strategy module. */
export interface PriorityChoice {
  id: string;
  title: string;
  yearStarting: number;
  archivedAt: string | null;
}

export function registerFundingRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  funding: FundingService,
  meetings: MeetingsService,
  priorities: (partnershipId: string) => Promise<PriorityChoice[]>,
): void {
  const view = { config: { access: 'partnership:view' as const } };
  const manage = { config: { access: 'partnership:manage' as const } };
  const chair = { config: { access: 'partnership:chair' as const } };
  const oversee = { config: { access: 'area:oversee' as const } };

  const mayManage = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:manage', request.partnership);
  const mayRelease = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:chair', request.partnership);
  const mayOversee = (request: FastifyRequest) => isAllowed(request.principal, 'area:oversee', request.partnership);

  const yearHref = (request: FastifyRequest, year: number) => `${base(request)}/${yearSlug(year)}`;
  const allocationHref = (request: FastifyRequest, year: number, id: string) => `${yearHref(request, year)}/allocations/${id}`;
  const reportHref = (request: FastifyRequest, year: number, quarter: Quarter) => `${yearHref(request, year)}/reports/q${quarter}`;
  const fundingCrumbs = (request: FastifyRequest): Crumb[] => [...partnershipCrumbs(request), { text: 'Funding', href: base(request) }];
  const yearCrumbs = (request: FastifyRequest, year: number): Crumb[] => [
    ...fundingCrumbs(request),
    { text: financialYearName(year), href: yearHref(request, year) },
  ];

  /** An allocation as the tables list it. */
  const allocationRow = (request: FastifyRequest, year: number, allocation: AllocationView) => ({
    id: allocation.id,
    reference: allocation.reference,
    purpose: allocation.purpose,
    href: allocationHref(request, year, allocation.id),
    granteeText: allocation.granteeText,
    amount: formatMoney(allocation.amount),
    state: allocation.state,
    stateName: allocationStateNames[allocation.state],
    tagClass: stateTagClasses[allocation.state],
    decision: decisionView(allocation.decision),
  });

  /** The allocations that count, grouped by theme as the position groups them (however the theme was typed), with subtotals. */
  const themeGroups = (request: FastifyRequest, year: number, allocations: AllocationView[]) => {
    const groups = new Map<string, { theme: string; allocations: AllocationView[] }>();
    for (const allocation of allocations.filter((a) => a.state !== 'withdrawn').sort(byReference)) {
      const key = words(allocation.theme).toLowerCase();
      const group = groups.get(key);
      if (group) group.allocations.push(allocation);
      else groups.set(key, { theme: words(allocation.theme), allocations: [allocation] });
    }
    return [...groups.values()].map((group) => ({
      theme: group.theme,
      subtotal: formatMoney(group.allocations.reduce((sum, a) => sum + a.amount, 0)),
      rows: group.allocations.map((allocation) => allocationRow(request, year, allocation)),
    }));
  };

  // The years.
  app.get('/partnerships/:partnershipId/funding', view, async (request, reply) => {
    const grants = await funding.grants(partnershipIdOf(request));
    return pages.render(request, reply, 'funding/views/funding.njk', {
      title: 'Funding',
      base: base(request),
      grants: grants.map((grant) => ({
        year: grant.yearLabel,
        href: yearHref(request, grant.yearStarting),
        funder: grant.funder,
        amount: formatMoney(grant.amount),
        carryOver: formatMoney(grant.carryOver),
        available: formatMoney(grant.amount + grant.carryOver),
      })),
      mayManage: mayManage(request),
      areaHref: mayOversee(request) && request.partnership ? `/areas/${request.partnership.areaId}/funding` : null,
      breadcrumbs: partnershipCrumbs(request),
    });
  });

  // The grant: recorded once a year, changed while it stands.
  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/new',
    action: '/partnerships/:partnershipId/funding',
    access: 'partnership:manage',
    fields: grantFields,
    schema: grantSchema,
    // The year after the latest recorded, with the carry-over the funder agreed into it.
    async load(request) {
      const partnershipId = partnershipIdOf(request);
      const [latest] = await funding.grants(partnershipId);
      const next = latest ? latest.yearStarting + 1 : null;
      const carryOver = next === null ? null : await funding.agreedCarryOverInto(partnershipId, next);
      return { next, carryOver };
    },
    title: () => 'Record a grant',
    intro: ({ next, carryOver }) =>
      carryOver === null || next === null
        ? 'The grant the funder gives the partnership for a financial year. The board then allocates the money available: the grant and any carry-over from last year.'
        : `The funder agreed a carry-over of ${formatMoney(carryOver)} from ${financialYearName(next - 1)} into ${financialYearName(next)}: a grant for ${financialYearName(next)} takes it.`,
    submitText: 'Save grant',
    crumbs: fundingCrumbs,
    back: base,
    initialValues: (_request, { next, carryOver }) => ({
      yearStarting: next === null ? '' : String(next),
      carryOver: typedPounds(carryOver ?? 0),
    }),
    async save(request, value) {
      await funding.recordGrant(actorOf(request), partnershipIdOf(request), value);
      return { redirect: yearHref(request, value.yearStarting), flash: `Grant for ${financialYearName(value.yearStarting)} recorded` };
    },
  });

  // The year is in the address, so it is not asked again when the grant is changed.
  const changeGrantFields = grantFields.filter((field) => field.name !== 'yearStarting');
  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/:year/edit',
    action: '/partnerships/:partnershipId/funding/:year',
    access: 'partnership:manage',
    fields: changeGrantFields,
    schema: grantSchema.omit({ yearStarting: true }),
    async load(request) {
      const year = yearOf(request);
      const [fundingYear, grants] = await Promise.all([
        funding.year(partnershipIdOf(request), year),
        funding.grants(partnershipIdOf(request)),
      ]);
      return { year, grant: fundingYear.grant, lastYearRecorded: grants.some((grant) => grant.yearStarting === year - 1) };
    },
    title: ({ grant }) => `Change the grant for ${grant.yearLabel}`,
    submitText: 'Save grant',
    crumbs: (request, { year }) => yearCrumbs(request, year),
    back: (request, { year }) => yearHref(request, year),
    initialValues: (_request, { grant, lastYearRecorded }) => ({
      funder: grant.funder,
      amount: typedPounds(grant.amount),
      // Last year's grant as recorded in Safer is not typed again here.
      previousAmount: lastYearRecorded ? '' : typedPounds(grant.previousAmount),
      carryOver: typedPounds(grant.carryOver),
      notes: grant.notes ?? '',
    }),
    version: ({ grant }) => grant.version,
    async save(request, value, version, { year }) {
      await funding.changeGrant(actorOf(request), partnershipIdOf(request), year, version, { ...value, yearStarting: year });
      return { redirect: yearHref(request, year), flash: `Grant for ${financialYearName(year)} saved` };
    },
  });

  // The year page.
  app.get('/partnerships/:partnershipId/funding/:year', view, async (request, reply) => {
    const year = yearOf(request);
    const fundingYear = await funding.year(partnershipIdOf(request), year);
    const { grant, position, allocations } = fundingYear;
    const href = yearHref(request, year);
    const situation = yearSituation(fundingYear);
    const anyAllows = (move: AllocationMove) => allocations.some((a) => allocationAllows(move, a.state, situation));
    return pages.render(request, reply, 'funding/views/year.njk', {
      title: `Funding ${grant.yearLabel}`,
      href,
      grantRows: grantRows(grant, fundingYear.change),
      figures: {
        allocated: formatMoney(position.allocated),
        available: formatMoney(position.available),
        unallocated: position.unallocated === 0 ? null : formatMoney(position.unallocated),
      },
      themes: themeGroups(request, year, allocations),
      withdrawn: allocations
        .filter((a) => a.state === 'withdrawn')
        .sort(byReference)
        .map((allocation) => allocationRow(request, year, allocation)),
      total: formatMoney(position.allocated),
      position: {
        through: quarterName(position.throughQuarter, year),
        anyReturns: allocations.some((a) => a.spend.length > 0),
        themes: position.themes.map((line) => ({ theme: line.theme, ...lineView(line) })),
        total: lineView(position.total),
      },
      // Only the moves the year's life allows, so that no button leads to a refusal.
      offers: {
        propose: mayManage(request) && yearAllows('propose', situation),
        agree: mayManage(request) && anyAllows('agree'),
        release: mayRelease(request) && anyAllows('release'),
        changeGrant: mayManage(request) && yearAllows('changeGrant', situation),
        returnSpend: mayManage(request) && anyAllows('returnSpend'),
      },
      closed: yearRefusal('returnSpend', situation),
      // Only quarters that have begun: spend cannot be returned, nor reported, for one still to come.
      quarters: fundingYear.begun.map((quarter) => ({
        quarter,
        spendHref: `${href}/spend/q${quarter}`,
        reportHref: reportHref(request, year, quarter),
        name: quarterName(quarter, year),
      })),
      mayManage: mayManage(request),
      breadcrumbs: fundingCrumbs(request),
    });
  });

  // Allocations.
  // The year's own priorities first; an archived one stays offered while it is the one chosen.
  const priorityOptions = async (request: FastifyRequest, values: TypedValues) => {
    const year = yearOf(request);
    const listed = (await priorities(partnershipIdOf(request))).sort(
      (a, b) => Number(b.yearStarting === year) - Number(a.yearStarting === year) || b.yearStarting - a.yearStarting,
    );
    return {
      priorityId: recordChoices(
        listed,
        values,
        'priorityId',
        (priority) => `${financialYearName(priority.yearStarting)}: ${priority.title}`,
      ),
    };
  };
  const loadYear = async (request: FastifyRequest) => {
    const year = yearOf(request);
    return { year, fundingYear: await funding.year(partnershipIdOf(request), year) };
  };

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/:year/allocations/new',
    action: '/partnerships/:partnershipId/funding/:year/allocations',
    access: 'partnership:manage',
    fields: allocationFields,
    schema: allocationSchema,
    load: loadYear,
    options: priorityOptions,
    title: ({ fundingYear }) => `Propose an allocation of the ${fundingYear.grant.yearLabel} grant`,
    intro: ({ fundingYear }) =>
      `${formatMoney(fundingYear.position.unallocated)} of the ${formatMoney(fundingYear.position.available)} available is left to allocate. The proposal goes to the board to agree; the chair then releases the money.`,
    submitText: 'Propose allocation',
    crumbs: (request, { year }) => yearCrumbs(request, year),
    back: (request, { year }) => yearHref(request, year),
    initialValues: () => ({}),
    async save(request, value, _version, { year }) {
      const partnershipId = partnershipIdOf(request);
      const id = await funding.propose(actorOf(request), partnershipId, year, value);
      const { allocation } = await funding.allocation(partnershipId, year, id);
      return { redirect: yearHref(request, year), flash: `Allocation ${allocation.reference} proposed` };
    },
  });

  const loadAllocation = async (request: FastifyRequest) => {
    const year = yearOf(request);
    return { year, ...(await funding.allocation(partnershipIdOf(request), year, paramsOf(request).id ?? '')) };
  };
  const allocationCrumbs = (request: FastifyRequest, year: number, allocation: AllocationView): Crumb[] => [
    ...yearCrumbs(request, year),
    { text: `Allocation ${allocation.reference}`, href: allocationHref(request, year, allocation.id) },
  ];

  app.get('/partnerships/:partnershipId/funding/:year/allocations/:id', view, async (request, reply) => {
    const { year, allocation, events } = await loadAllocation(request);
    const fundingYear = await funding.year(partnershipIdOf(request), year);
    const situation = yearSituation(fundingYear);
    const line = fundingYear.position.allocations.find((candidate) => candidate.id === allocation.id);
    const href = allocationHref(request, year, allocation.id);
    const decision = decisionView(allocation.decision);
    return pages.render(request, reply, 'funding/views/allocation.njk', {
      title: `Allocation ${allocation.reference}: ${truncate(allocation.purpose, 80)}`,
      caption: `Funding ${financialYearName(year)}`,
      allocation: { ...allocation, stateName: allocationStateNames[allocation.state], tagClass: stateTagClasses[allocation.state] },
      summary: [
        { key: 'Reference', value: String(allocation.reference) },
        { key: 'Theme', value: allocation.theme },
        { key: 'Purpose', value: allocation.purpose },
        { key: 'Granted to', value: allocation.granteeText },
        { key: 'Amount', value: formatMoney(allocation.amount) },
        { key: 'Priority it serves', value: allocation.priorityTitle ?? 'None' },
      ],
      decision,
      events: events.map((event) => ({
        stateName: allocationStateNames[event.state],
        at: formatDateTime(event.at),
        by: event.byName ?? 'Not recorded',
        decision: decisionView(event.decision),
      })),
      // Only quarters that have begun: one still to come has no return missing.
      spend:
        allocation.state === 'released'
          ? fundingYear.begun.map((quarter) => {
              const entry = allocation.spend.find((candidate) => candidate.quarter === quarter);
              return {
                quarter: `Q${quarter}`,
                spent: entry ? formatMoney(entry.spent) : 'No return',
                forecast: entry ? (entry.forecast === null ? 'As allocated' : formatMoney(entry.forecast)) : '',
              };
            })
          : null,
      line: line ? { ...lineView(line), through: quarterName(fundingYear.position.throughQuarter, year) } : null,
      href,
      mayChange: mayManage(request) && allocationAllows('change', allocation.state, situation),
      mayWithdraw: mayManage(request) && allocationAllows('withdraw', allocation.state, situation),
      breadcrumbs: yearCrumbs(request, year),
    });
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/:year/allocations/:id/edit',
    action: '/partnerships/:partnershipId/funding/:year/allocations/:id',
    access: 'partnership:manage',
    fields: allocationFields,
    schema: allocationSchema,
    load: loadAllocation,
    options: priorityOptions,
    title: ({ allocation }) => `Change allocation ${allocation.reference}`,
    intro: () => 'An allocation can be changed only while it is proposed: once the board has agreed it, a change is a new proposal.',
    submitText: 'Save allocation',
    crumbs: (request, { year, allocation }) => allocationCrumbs(request, year, allocation),
    back: (request, { year, allocation }) => allocationHref(request, year, allocation.id),
    initialValues: (_request, { allocation }) => ({
      theme: allocation.theme,
      purpose: allocation.purpose,
      granteeKind: allocation.granteeKind,
      grantee: allocation.grantee ?? '',
      amount: typedPounds(allocation.amount),
      priorityId: allocation.priorityId ?? '',
    }),
    version: ({ allocation }) => allocation.version,
    async save(request, value, version, { year, allocation }) {
      await funding.changeAllocation(actorOf(request), partnershipIdOf(request), year, allocation.id, version, value);
      return { redirect: allocationHref(request, year, allocation.id), flash: `Allocation ${allocation.reference} saved` };
    },
  });

  app.get('/partnerships/:partnershipId/funding/:year/allocations/:id/withdraw', manage, async (request, reply) => {
    const { year, allocation } = await loadAllocation(request);
    const href = allocationHref(request, year, allocation.id);
    const fundingYear = await funding.year(partnershipIdOf(request), year);
    return pages.render(request, reply, 'funding/views/withdraw.njk', {
      title: `Withdraw allocation ${allocation.reference}?`,
      // Said instead of the button when the allocation cannot be withdrawn.
      refusal: allocationRefusal('withdraw', allocation.state, yearSituation(fundingYear)),
      allocation: { ...allocation, amountText: formatMoney(allocation.amount), stateName: allocationStateNames[allocation.state] },
      action: `${href}/withdraw`,
      cancel: href,
      breadcrumbs: allocationCrumbs(request, year, allocation),
    });
  });

  app.post('/partnerships/:partnershipId/funding/:year/allocations/:id/withdraw', manage, async (request, reply) => {
    const { year, allocation } = await loadAllocation(request);
    await reportOnNextPage(request, async () => {
      await funding.withdraw(actorOf(request), partnershipIdOf(request), year, allocation.id, versionOf(request.body));
      return `Allocation ${allocation.reference} withdrawn: its ${formatMoney(allocation.amount)} is free to allocate again`;
    });
    return reply.redirect(allocationHref(request, year, allocation.id));
  });

  // The board's agreement and the chair's release: ticked lists of allocations.
  const agreeFields: Field[] = [
    { name: 'decisionId', label: 'The board’s decision', kind: 'select' },
    { name: 'allocationIds', label: 'Allocations the board agreed', kind: 'text' },
  ];
  async function renderAgree(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    state: { decisionId: string; ticked: string[] | null; errors: FormErrors | null },
  ) {
    const partnershipId = partnershipIdOf(request);
    const [fundingYear, decisions] = await Promise.all([funding.year(partnershipId, year), funding.boardDecisions(partnershipId)]);
    if (state.errors) reply.code(400);
    const proposed = fundingYear.allocations.filter((a) => a.state === 'proposed').sort(byReference);
    return pages.render(request, reply, 'funding/views/agree.njk', {
      title: `Record the board’s agreement: ${fundingYear.grant.yearLabel}`,
      // Radios, so that each decision's wording can be read in full before choosing it.
      decisions: decisions.map((decision) => ({
        value: decision.id,
        text: `${formatDate(decision.meetingDate)}, ${decision.groupName}`,
        hint: { text: decision.wording },
        checked: decision.id === state.decisionId,
      })),
      anyDecisions: decisions.length > 0,
      allocations: proposed.map((allocation) => ({
        value: allocation.id,
        text: `${allocation.reference}. ${allocation.purpose}: ${formatMoney(allocation.amount)}`,
        hint: { text: `${allocation.theme}. Granted to: ${allocation.granteeText}` },
        checked: state.ticked ? state.ticked.includes(allocation.id) : true,
      })),
      errors: state.errors,
      action: `${yearHref(request, year)}/agree`,
      cancel: yearHref(request, year),
      breadcrumbs: yearCrumbs(request, year),
    });
  }
  app.get('/partnerships/:partnershipId/funding/:year/agree', manage, (request, reply) =>
    renderAgree(request, reply, yearOf(request), { decisionId: '', ticked: null, errors: null }),
  );
  app.post('/partnerships/:partnershipId/funding/:year/agree', manage, async (request, reply) => {
    const year = yearOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const decisionId = text(body, 'decisionId');
    const ticked = checkedValues(body.allocationIds);
    const refuse = (byField: Record<string, string>) =>
      renderAgree(request, reply, year, { decisionId, ticked, errors: errorsFor(agreeFields, byField) });
    const byField: Record<string, string> = {};
    if (!decisionId) byField.decisionId = 'Select the board’s decision that agreed the allocations';
    if (!ticked.length) byField.allocationIds = 'Select the allocations the board agreed';
    if (Object.keys(byField).length) return refuse(byField);
    let agreed: number;
    try {
      agreed = await funding.agree(actorOf(request), partnershipIdOf(request), year, decisionId, ticked);
    } catch (error) {
      return refuse(problemOf(error));
    }
    request.session.flash = `${plural(agreed, 'allocation', 'allocations')} agreed by the board`;
    return reply.redirect(yearHref(request, year));
  });

  const releaseFields: Field[] = [{ name: 'allocationIds', label: 'Allocations to release', kind: 'text' }];
  async function renderRelease(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    state: { ticked: string[] | null; errors: FormErrors | null },
  ) {
    const fundingYear = await funding.year(partnershipIdOf(request), year);
    if (state.errors) reply.code(400);
    const agreed = fundingYear.allocations.filter((a) => a.state === 'agreed').sort(byReference);
    return pages.render(request, reply, 'funding/views/release.njk', {
      title: `Release funding: ${fundingYear.grant.yearLabel}`,
      total: formatMoney(agreed.reduce((sum, allocation) => sum + allocation.amount, 0)),
      count: agreed.length,
      allocations: agreed.map((allocation) => ({
        value: allocation.id,
        text: `${allocation.reference}. ${allocation.purpose}: ${formatMoney(allocation.amount)}`,
        hint: {
          text: `Granted to: ${allocation.granteeText}${allocation.decision ? `. Agreed by the ${allocation.decision.groupName} on ${formatDate(allocation.decision.meetingDate)}` : ''}`,
        },
        checked: state.ticked ? state.ticked.includes(allocation.id) : true,
      })),
      errors: state.errors,
      action: `${yearHref(request, year)}/release`,
      cancel: yearHref(request, year),
      breadcrumbs: yearCrumbs(request, year),
    });
  }
  app.get('/partnerships/:partnershipId/funding/:year/release', chair, (request, reply) =>
    renderRelease(request, reply, yearOf(request), { ticked: null, errors: null }),
  );
  app.post('/partnerships/:partnershipId/funding/:year/release', chair, async (request, reply) => {
    const year = yearOf(request);
    const ticked = checkedValues(((request.body ?? {}) as Record<string, unknown>).allocationIds);
    const refuse = (byField: Record<string, string>) =>
      renderRelease(request, reply, year, { ticked, errors: errorsFor(releaseFields, byField) });
    if (!ticked.length) return refuse({ allocationIds: 'Select the allocations to release' });
    let released: number;
    try {
      released = await funding.release(actorOf(request), partnershipIdOf(request), year, ticked);
    } catch (error) {
      return refuse(problemOf(error));
    }
    request.session.flash = `${plural(released, 'allocation', 'allocations')} released`;
    return reply.redirect(yearHref(request, year));
  });

  // A quarter's spend return, typed in: one row per released allocation.
  const spentName = (id: string) => `spent-${id}`;
  const forecastName = (id: string) => `forecast-${id}`;
  async function renderSpend(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    quarter: Quarter,
    state: { values: TypedValues | null; errors: FormErrors | null },
  ) {
    const fundingYear = await funding.year(partnershipIdOf(request), year);
    // Spend cannot be returned for a quarter still to come.
    if (!fundingYear.begun.includes(quarter)) throw new NotFoundError('quarter');
    if (state.errors) reply.code(400);
    const released = fundingYear.allocations.filter((a) => a.state === 'released').sort(byReference);
    const href = `${yearHref(request, year)}/spend/q${quarter}`;
    return pages.render(request, reply, 'funding/views/spend.njk', {
      title: `Spend for ${quarterName(quarter, year)}`,
      rows: released.map((allocation) => {
        const entry = allocation.spend.find((candidate) => candidate.quarter === quarter);
        const spent = spentName(allocation.id);
        const forecast = forecastName(allocation.id);
        return {
          reference: allocation.reference,
          purpose: allocation.purpose,
          href: allocationHref(request, year, allocation.id),
          allocated: formatMoney(allocation.amount),
          spent: {
            name: spent,
            value: state.values ? (state.values[spent] ?? '') : typedPounds(entry?.spent),
            error: state.errors?.byField[spent],
          },
          forecast: {
            name: forecast,
            value: state.values ? (state.values[forecast] ?? '') : typedPounds(entry?.forecast),
            error: state.errors?.byField[forecast],
          },
        };
      }),
      errors: state.errors,
      action: href,
      template: `${href}/template.csv`,
      importHref: `${yearHref(request, year)}/spend-import`,
      cancel: yearHref(request, year),
      breadcrumbs: yearCrumbs(request, year),
    });
  }
  app.get('/partnerships/:partnershipId/funding/:year/spend/:q', manage, (request, reply) =>
    renderSpend(request, reply, yearOf(request), quarterOf(request), { values: null, errors: null }),
  );
  app.post('/partnerships/:partnershipId/funding/:year/spend/:q', manage, async (request, reply) => {
    const year = yearOf(request);
    const quarter = quarterOf(request);
    const partnershipId = partnershipIdOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fundingYear = await funding.year(partnershipId, year);
    if (!fundingYear.begun.includes(quarter)) throw new NotFoundError('quarter');
    const released = fundingYear.allocations.filter((a) => a.state === 'released').sort(byReference);
    const fields: Field[] = [];
    const values: TypedValues = {};
    const byField: Record<string, string> = {};
    const entries: SpendInput[] = [];
    const amount = (name: string, what: string): number | null => {
      const read = readPounds(values[name] ?? '');
      if ('problem' in read) byField[name] = `${what}: ${read.problem}`;
      else if (read.pence < 0) byField[name] = `${what} cannot be less than £0`;
      else return read.pence;
      return null;
    };
    for (const allocation of released) {
      const spent = spentName(allocation.id);
      const forecast = forecastName(allocation.id);
      fields.push({ name: spent, label: 'Spent', kind: 'money' }, { name: forecast, label: 'Forecast', kind: 'money' });
      values[spent] = text(body, spent);
      values[forecast] = text(body, forecast);
      // A row left blank is left as it is.
      if (!values[spent] && !values[forecast]) continue;
      if (!values[spent]) {
        byField[spent] = `Enter what was spent on allocation ${allocation.reference} in the quarter, or 0 if nothing was spent`;
        continue;
      }
      const spentPence = amount(spent, `Allocation ${allocation.reference}, spent in the quarter`);
      const forecastPence = values[forecast] ? amount(forecast, `Allocation ${allocation.reference}, forecast for the year`) : null;
      if (spentPence !== null) entries.push({ allocationId: allocation.id, spent: spentPence, forecast: forecastPence });
    }
    const refuse = (problems: Record<string, string>) =>
      renderSpend(request, reply, year, quarter, { values, errors: errorsFor(fields, problems) });
    if (Object.keys(byField).length) return refuse(byField);
    // Every row left blank saves nothing: said above the form, leading to the first row's input.
    if (!entries.length) {
      const errors = errorsFor(fields, {});
      const [first] = released;
      errors.summary.push({
        text: 'Enter the spend for at least one allocation',
        href: first ? `#${spentName(first.id)}` : '#main-content',
      });
      return renderSpend(request, reply, year, quarter, { values, errors });
    }
    try {
      await funding.saveSpend(actorOf(request), partnershipId, year, quarter, entries);
    } catch (error) {
      return refuse(problemOf(error));
    }
    request.session.flash = `Spend for ${quarterName(quarter, year)} saved: ${plural(entries.length, 'allocation', 'allocations')}`;
    return reply.redirect(yearHref(request, year));
  });

  app.get('/partnerships/:partnershipId/funding/:year/spend/:q/template.csv', manage, async (request, reply) => {
    const year = yearOf(request);
    const quarter = quarterOf(request);
    const rows = await funding.spendTemplate(partnershipIdOf(request), year, quarter);
    return sendCsv(reply, `${request.partnership?.shortName ?? 'Partnership'} spend Q${quarter} ${yearSlug(year)}`, rows);
  });

  // The import: a CSV of spend, checked row by row; nothing is imported from a file with problems unless asked.
  const importFields: Field[] = [{ name: 'file', label: 'CSV file', kind: 'text' }];
  async function renderImport(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    state: { errors: FormErrors | null; problems: { line: number; message: string }[]; importValidRows: boolean },
  ) {
    const fundingYear = await funding.year(partnershipIdOf(request), year);
    if (state.errors) reply.code(400);
    const href = yearHref(request, year);
    return pages.render(request, reply, 'funding/views/import.njk', {
      title: `Import spend from a CSV file: ${fundingYear.grant.yearLabel}`,
      year: fundingYear.grant.yearLabel,
      // Only quarters that have begun: spend cannot be returned for one still to come.
      templates: fundingYear.begun.map((quarter) => ({ text: `Quarter ${quarter}`, href: `${href}/spend/q${quarter}/template.csv` })),
      ...state,
      action: `${href}/spend-import`,
      cancel: href,
      breadcrumbs: yearCrumbs(request, year),
    });
  }
  app.get('/partnerships/:partnershipId/funding/:year/spend-import', manage, (request, reply) =>
    renderImport(request, reply, yearOf(request), { errors: null, problems: [], importValidRows: false }),
  );
  withUpload(app, 5 * 1024 * 1024, (scope) => {
    scope.post('/partnerships/:partnershipId/funding/:year/spend-import', manage, async (request, reply) => {
      const year = yearOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const importValidRows = body.importValidRows === 'yes';
      // The problem with the file, then each bad row by its line: in the summary, and next to the file input.
      const refuse = (message: string, problems: { line: number; message: string }[] = []) => {
        const errors = errorsFor(importFields, { file: message });
        errors.summary.push(...problems.map((problem) => ({ text: `Line ${problem.line}: ${problem.message}`, href: '#file' })));
        return renderImport(request, reply, year, { errors, problems, importValidRows });
      };
      const upload = uploadedFile(body, 'file', '5 MB');
      if ('problem' in upload) return refuse(upload.problem);
      let csv: string;
      try {
        csv = new TextDecoder('utf-8', { fatal: true }).decode(upload.file.bytes);
      } catch {
        return refuse('The file must be saved as CSV UTF-8: in Excel, choose Save As, then "CSV UTF-8 (Comma delimited)"');
      }
      const result = await funding.importSpend(actorOf(request), partnershipIdOf(request), year, csv, importValidRows);
      if (result.fileProblem) return refuse(result.fileProblem);
      const badRows = new Set(result.problems.map((problem) => problem.line)).size;
      if (result.imported === 0) {
        if (!badRows) return refuse('The file has no spend in it');
        const rows = badRows === 1 ? 'a row' : `${badRows} rows`;
        return refuse(
          `The file has ${rows} with problems, so nothing was imported. Correct the file and select it again.`,
          result.problems,
        );
      }
      const left = badRows ? ` ${plural(badRows, 'row', 'rows')} with problems ${badRows === 1 ? 'was' : 'were'} left out.` : '';
      request.session.flash = `${plural(result.imported, 'spend return', 'spend returns')} imported.${left}`;
      if (result.problems.length) request.session.problem = result.problems.map((p) => `Line ${p.line}: ${p.message}`).join('\n');
      return reply.redirect(yearHref(request, year));
    });
  });

  // The year end: the underspend, and the carry-over asked of the funder.
  const loadYearEnd = async (request: FastifyRequest) => {
    const year = yearOf(request);
    const partnershipId = partnershipIdOf(request);
    const fundingYear = await funding.year(partnershipId, year);
    // Quarter 4 has no report before it begins: until then, the position as the returns stand.
    const { position } = fundingYear.begun.includes(4) ? await funding.report(partnershipId, year, 4) : fundingYear;
    return { year, fundingYear, position, underspend: unspent(position) };
  };
  const yearEndHref = (request: FastifyRequest, year: number) => `${yearHref(request, year)}/year-end`;
  const yearEndCrumbs = (request: FastifyRequest, year: number): Crumb[] => [
    ...yearCrumbs(request, year),
    { text: 'Year end', href: yearEndHref(request, year) },
  ];

  app.get('/partnerships/:partnershipId/funding/:year/year-end', view, async (request, reply) => {
    const { year, fundingYear, position, underspend } = await loadYearEnd(request);
    const carryOver = fundingYear.carryOver;
    return pages.render(request, reply, 'funding/views/year-end.njk', {
      title: `Year end: ${fundingYear.grant.yearLabel}`,
      ended: fundingYear.ended,
      allocations: position.allocations.map((line) => ({
        reference: line.reference,
        purpose: line.purpose,
        href: allocationHref(request, year, line.id),
        ...lineView(line),
      })),
      total: lineView(position.total),
      unallocated: formatMoney(position.unallocated),
      underspend: formatMoney(underspend),
      carryOver: carryOverView(carryOver),
      mayRequest: mayManage(request) && fundingYear.ended && !carryOver,
      mayDecide: mayOversee(request) && carryOver?.state === 'requested',
      requestHref: `${yearHref(request, year)}/carry-over`,
      decideHref: `${yearHref(request, year)}/carry-over/decision`,
      nextYear: financialYearName(year + 1),
      breadcrumbs: yearCrumbs(request, year),
    });
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/:year/carry-over',
    action: '/partnerships/:partnershipId/funding/:year/carry-over',
    access: 'partnership:manage',
    fields: carryOverFields,
    schema: carryOverSchema,
    load: loadYearEnd,
    title: ({ year }) => `Request a carry-over from ${financialYearName(year)} into ${financialYearName(year + 1)}`,
    intro: ({ underspend, position }) =>
      `The year’s underspend is ${formatMoney(underspend)}: ${formatMoney(position.total.underspend)} allocated but not spent, and ${formatMoney(position.unallocated)} never allocated. The funder decides how much the partnership may keep.`,
    submitText: 'Send request',
    crumbs: (request, { year }) => yearEndCrumbs(request, year),
    back: (request, { year }) => yearEndHref(request, year),
    initialValues: (_request, { underspend }) => ({ amount: typedPounds(underspend) }),
    async save(request, value, _version, { year }) {
      await funding.requestCarryOver(actorOf(request), partnershipIdOf(request), year, value);
      return { redirect: yearEndHref(request, year), flash: `Carry-over of ${formatMoney(value.amount)} requested` };
    },
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/:year/carry-over/decision',
    action: '/partnerships/:partnershipId/funding/:year/carry-over/decision',
    access: 'area:oversee',
    fields: carryOverDecisionFields,
    schema: carryOverDecisionSchema,
    async load(request) {
      const year = yearOf(request);
      const { carryOver } = await funding.year(partnershipIdOf(request), year);
      if (!carryOver) throw new NotFoundError('carry-over request');
      return { year, carryOver };
    },
    title: ({ year }) => `Record the funder’s decision on the carry-over from ${financialYearName(year)}`,
    intro: ({ carryOver }) => `The partnership asked to carry over ${formatMoney(carryOver.requested)}: ${carryOver.reason}`,
    submitText: 'Save decision',
    crumbs: (request, { year }) => yearEndCrumbs(request, year),
    back: (request, { year }) => yearEndHref(request, year),
    initialValues: (_request, { carryOver }) => ({ amount: typedPounds(carryOver.requested) }),
    version: ({ carryOver }) => carryOver.version,
    async save(request, value, version, { year }) {
      await funding.decideCarryOver(actorOf(request), partnershipIdOf(request), year, version, value);
      return {
        redirect: yearEndHref(request, year),
        flash:
          value.decision === 'agreed'
            ? `Carry-over of ${formatMoney(value.amount ?? 0)} into ${financialYearName(year + 1)} agreed`
            : 'Carry-over declined',
      };
    },
  });

  // The quarterly financial report.
  const reportPath = '/partnerships/:partnershipId/funding/:year/reports/:q';
  const loadReport = async (request: FastifyRequest) => {
    const year = yearOf(request);
    const quarter = quarterOf(request);
    return { year, quarter, report: await funding.report(partnershipIdOf(request), year, quarter) };
  };
  const reportCrumbs = (request: FastifyRequest, year: number, quarter: Quarter): Crumb[] => [
    ...yearCrumbs(request, year),
    { text: `Financial report, Q${quarter}`, href: reportHref(request, year, quarter) },
  ];

  app.get(reportPath, view, async (request, reply) => {
    const [{ year, quarter, report }, { begun }] = await Promise.all([
      loadReport(request),
      funding.year(partnershipIdOf(request), yearOf(request)),
    ]);
    const { grant, position } = report;
    const href = reportHref(request, year, quarter);
    const missing = position.allocations
      .filter((line) => line.missingReturns.length)
      .map((line) => ({
        reference: line.reference,
        purpose: line.purpose,
        href: allocationHref(request, year, line.id),
        quarters: line.missingReturns.map((q) => `Q${q}`).join(', '),
      }));
    return pages.render(request, reply, 'funding/views/report.njk', {
      title: `Financial report, ${report.quarterLabel}`,
      partnershipName: report.partnershipName,
      preparedOn: formatDate(report.preparedOn),
      headline: [
        { key: 'Grant', value: formatMoney(grant.amount) },
        { key: 'Change on last year', value: changeText(grant, report.change) ?? 'Not known: last year’s grant is not recorded' },
        { key: 'Carry-over from last year', value: carryOverInText(grant) },
        { key: 'Money available', value: formatMoney(position.available) },
        { key: 'Allocated', value: formatMoney(position.allocated) },
        { key: 'Not yet allocated', value: formatMoney(position.unallocated) },
      ],
      through: quarterName(position.throughQuarter, year),
      themes: position.themes.map((line) => ({ theme: line.theme, ...lineView(line) })),
      allocations: position.allocations.map((line) => ({
        reference: line.reference,
        purpose: line.purpose,
        theme: line.theme,
        href: allocationHref(request, year, line.id),
        stateName: allocationStateNames[line.state],
        ...lineView(line),
      })),
      total: lineView(position.total),
      missing,
      carryOver: carryOverView(report.carryOver),
      files: `${href}/files`,
      href,
      // Only quarters that have begun: there is no report for one still to come.
      otherQuarters: begun
        .filter((other) => other !== quarter)
        .map((other) => ({ text: `Financial report, ${quarterName(other, year)}`, href: reportHref(request, year, other) })),
      mayManage: mayManage(request),
      breadcrumbs: yearCrumbs(request, year),
    });
  });

  const reportFiles: Record<string, { format: ReportFormat; type: string }> = {
    'report.pdf': { format: 'pdf', type: 'application/pdf' },
    'report.docx': { format: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  };
  app.get(`${reportPath}/files/:file`, view, async (request, reply) => {
    const year = yearOf(request);
    const quarter = quarterOf(request);
    const file = reportFiles[paramsOf(request).file ?? ''];
    if (!file) return reply.callNotFound();
    const { fileName, bytes } = await funding.reportFile(partnershipIdOf(request), year, quarter, file.format);
    return sendFile(reply, fileName, file.type, bytes);
  });

  registerFormPage(app, pages, {
    path: `${reportPath}/attach`,
    action: `${reportPath}/attach`,
    access: 'partnership:manage',
    fields: attachFields,
    schema: attachSchema,
    load: loadReport,
    title: ({ report }) => `Put the financial report for ${report.quarterLabel} on a meeting’s agenda`,
    intro: () => 'The report goes on the agenda as a new item, with its PDF as the item’s paper.',
    submitText: 'Add to the agenda',
    crumbs: (request, { year, quarter }) => reportCrumbs(request, year, quarter),
    back: (request, { year, quarter }) => reportHref(request, year, quarter),
    initialValues: () => ({}),
    async options(request) {
      const { upcoming } = await meetings.timeline(partnershipIdOf(request));
      return {
        meetingId: upcoming
          .filter((meeting) => meeting.status !== 'cancelled')
          .map((meeting) => ({ value: meeting.id, text: `${formatDate(meeting.meetingDate)}, ${meeting.groupName}` })),
      };
    },
    async save(request, value, _version, { year, quarter }) {
      const partnershipId = partnershipIdOf(request);
      const title = await funding.attachReport(actorOf(request), partnershipId, year, quarter, value.meetingId);
      return {
        redirect: `/partnerships/${partnershipId}/meetings/${value.meetingId}#agenda`,
        flash: `"${title}" added to the agenda with its paper`,
      };
    },
  });

  // The funder's view: every partnership of the area side by side for a year (?year=2016-17, else the latest with a grant).
  async function areaFunding(request: FastifyRequest) {
    const asked = queryValues(request.query, ['year']).year;
    const year = asked === undefined ? null : yearFromSlug(asked);
    if (asked !== undefined && year === null) throw new NotFoundError('funding year');
    return funding.area(paramsOf(request).areaId ?? '', year);
  }
  /** Rows in the order of the name they show, the same whichever database sorted them. */
  const byName = (name: (row: AreaFundingRow) => string) => (a: AreaFundingRow, b: AreaFundingRow) =>
    name(a).localeCompare(name(b), 'en-GB');
  const moneyOrNull = (pence: number | null) => (pence === null ? '' : formatMoney(pence));
  const plainPounds = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2));
  /** Where the carry-over of the year's underspend into the next year stands: asked, and the funder's answer. */
  const carryOverAsked = (row: AreaFundingRow) => (row.carryOverRequested === null ? 'Not asked' : formatMoney(row.carryOverRequested));
  const carryOverAnswer = (row: AreaFundingRow): string => {
    switch (row.carryOverState) {
      case 'requested':
        return 'Waiting for the funder';
      case 'declined':
        return 'Declined';
      case 'agreed':
        return formatMoney(row.carryOverAgreed ?? 0);
      default:
        return 'Not asked';
    }
  };
  const carryOverDecision = (row: AreaFundingRow): string =>
    row.carryOverState === null ? 'Not asked' : carryOverStateNames[row.carryOverState];
  /** The headings of the carry-over into the next year, told apart from the carry-over from last year. */
  const carryOverHeadings = (year: number) => {
    const into = `Carry-over into ${financialYearName(year + 1)}`;
    return { asked: `${into}: asked`, agreed: `${into}: agreed`, decision: `${into}: the funder’s decision` };
  };

  app.get('/areas/:areaId/funding', oversee, async (request, reply) => {
    const areaId = paramsOf(request).areaId ?? '';
    const { yearStarting: year, years, rows } = await areaFunding(request);
    const sum = (figure: (row: AreaFundingRow) => number | null) => rows.reduce((total, row) => total + (figure(row) ?? 0), 0);
    const href = `/areas/${areaId}/funding`;
    return pages.render(request, reply, 'funding/views/area.njk', {
      title: `Funding in ${request.area?.name ?? 'the area'}, ${financialYearName(year)}`,
      oversightBody: request.area?.oversightBody ?? '',
      carryOverHeadings: carryOverHeadings(year),
      rows: [...rows].sort(byName((row) => row.partnershipShortName)).map((row) => ({
        name: row.partnershipShortName,
        href: row.grant === null ? fundingPath(row.partnershipId) : `${fundingPath(row.partnershipId)}/${yearSlug(year)}`,
        hasGrant: row.grant !== null,
        grant: moneyOrNull(row.grant),
        carryOver: moneyOrNull(row.carryOver),
        available: moneyOrNull(row.available),
        allocated: moneyOrNull(row.allocated),
        released: moneyOrNull(row.released),
        spentToDate:
          row.spentToDate === null
            ? ''
            : `${formatMoney(row.spentToDate)}${row.spendThrough ? ` (latest return: Q${row.spendThrough})` : ''}`,
        carryOverRequested: carryOverAsked(row),
        carryOverAgreed: carryOverAnswer(row),
      })),
      total: {
        grant: formatMoney(sum((row) => row.grant)),
        carryOver: formatMoney(sum((row) => row.carryOver)),
        available: formatMoney(sum((row) => row.available)),
        allocated: formatMoney(sum((row) => row.allocated)),
        released: formatMoney(sum((row) => row.released)),
        spentToDate: formatMoney(sum((row) => row.spentToDate)),
        carryOverRequested: formatMoney(sum((row) => row.carryOverRequested)),
        carryOverAgreed: formatMoney(sum((row) => (row.carryOverState === 'agreed' ? row.carryOverAgreed : null))),
      },
      otherYears: years
        .filter((other) => other !== year)
        .map((other) => ({ text: financialYearName(other), href: `${href}?year=${yearSlug(other)}` })),
      download: `${href}/download.csv?year=${yearSlug(year)}`,
      breadcrumbs: [{ text: 'Your partnerships', href: '/' }],
    });
  });

  app.get('/areas/:areaId/funding/download.csv', oversee, async (request, reply) => {
    const { yearStarting: year, rows } = await areaFunding(request);
    const headings = carryOverHeadings(year);
    return sendCsv(reply, `${request.area?.name ?? 'Area'} funding ${yearSlug(year)}`, [
      [
        'Partnership',
        'Grant',
        'Carry-over from last year',
        'Money available',
        'Allocated (including proposals)',
        'Released',
        'Spent to date',
        'Spend returned to',
        headings.asked,
        headings.agreed,
        headings.decision,
      ],
      ...[...rows]
        .sort(byName((row) => row.partnershipName))
        .map((row) => [
          row.partnershipName,
          plainPounds(row.grant),
          plainPounds(row.carryOver),
          plainPounds(row.available),
          plainPounds(row.allocated),
          plainPounds(row.released),
          plainPounds(row.spentToDate),
          row.spendThrough ? `Q${row.spendThrough}` : '',
          plainPounds(row.carryOverRequested),
          row.carryOverState === 'agreed' ? plainPounds(row.carryOverAgreed) : '',
          row.grant === null ? '' : carryOverDecision(row),
        ]),
    ]);
  });
}
