/**
 * Allocation pages: proposed, changed and withdrawn by an officer, agreed by the board in a ticked list, and
 * released by the chair in another; each button offered only where allocationLife.ts allows the move.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { financialYearName, formatDate } from '../../platform/dates.ts';
import { formatMoney, plural } from '../../platform/numbers.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { errorsFor, type Field, type FormErrors, type TypedValues } from '../../web/forms.ts';
import { checkedValues, versionOf } from '../../web/query.ts';
import { type Crumb, recordChoices } from '../../web/recordPages.ts';
import { formatDateTime, type PageRenderer } from '../../web/render.ts';
import { allocationRefusal, allocationStateNames, yearSituation } from './allocationLife.ts';
import {
  allocationHref,
  chair,
  manage,
  mayManage,
  paramsOf,
  partnershipIdOf,
  problemOf,
  text,
  view,
  yearCrumbs,
  yearHref,
  yearOf,
} from './funding.paths.ts';
import { allocationFields } from './funding.forms.ts';
import { allocationSchema } from './funding.inputs.ts';
import type { FundingService } from './funding.service.ts';
import type { AllocationView } from './funding.types.ts';
import {
  allocationOffers,
  byReference,
  decisionView,
  lineView,
  quarterName,
  stateTagClasses,
  truncate,
  typedPounds,
} from './funding.views.ts';
import { principalOf } from '../../web/permissions.ts';

/** A priority of the strategy, which an allocation may serve: given by the strategy module. */
export interface PriorityChoice {
  id: string;
  title: string;
  yearStarting: number;
  archivedAt: string | null;
}

export function registerAllocationRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  funding: FundingService,
  priorities: (partnershipId: string) => Promise<PriorityChoice[]>,
): void {
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
      const id = await funding.propose(principalOf(request), partnershipId, year, value);
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
      ...allocationOffers(allocation, fundingYear, mayManage(request)),
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
      await funding.changeAllocation(principalOf(request), partnershipIdOf(request), year, allocation.id, version, value);
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
      await funding.withdraw(principalOf(request), partnershipIdOf(request), year, allocation.id, versionOf(request.body));
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
      agreed = await funding.agree(principalOf(request), partnershipIdOf(request), year, decisionId, ticked);
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
      released = await funding.release(principalOf(request), partnershipIdOf(request), year, ticked);
    } catch (error) {
      return refuse(problemOf(error));
    }
    request.session.flash = `${plural(released, 'allocation', 'allocations')} released`;
    return reply.redirect(yearHref(request, year));
  });
}
