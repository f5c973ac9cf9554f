/**
 * Allocation pages: proposed, changed and withdrawn by an officer, agreed by the board in a ticked list, and
 * released by the chair in another; each button offered only where allocationLife.ts allows the move.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { financialYearName, formatDate } from '../../platform/dates.ts';
import { formatMoney, plural } from '../../platform/numbers.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { renderConfirmation } from '../../web/confirmation.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { attempt, errorsFor, type FormErrors, type TypedValues } from '../../web/forms.ts';
import { principalOf } from '../../web/permissions.ts';
import { checkedValues, versionOf } from '../../web/query.ts';
import { type Crumb, recordChoices } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import { formBody } from '../../web/schemas.ts';
import { allocationRefusal, allocationStateNames, listRefusal, yearSituation } from './allocationLife.ts';
import { agreeFields, allocationFields, releaseFields, typedText } from './funding.forms.ts';
import { allocationSchema } from './funding.inputs.ts';
import {
  allocationHref,
  allocationParams,
  chair,
  manage,
  mayManage,
  view,
  type YearAddress,
  yearCrumbs,
  yearHref,
  yearParams,
} from './funding.paths.ts';
import type { FundingRouteDependencies } from './funding.routes.ts';
import type { AllocationView } from './funding.types.ts';
import { allocationPage, byReference, truncate, typedPounds } from './funding.views.ts';

export function registerAllocationRoutes(
  instance: FastifyInstance,
  pages: PageRenderer,
  { funding, priorities }: FundingRouteDependencies,
): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  // The year's own priorities first; an archived one stays offered while it is the one chosen.
  const priorityOptions = async (request: FastifyRequest & { params: YearAddress }, values: TypedValues) => {
    const { partnershipId, year } = request.params;
    const listed = (await priorities(partnershipId)).sort(
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

  registerFormPage(instance, pages, {
    path: '/:year/allocations/new',
    action: '/:year/allocations',
    actionHref: (request) => `${yearHref(request.params)}/allocations`,
    access: 'partnership:manage',
    params: yearParams,
    fields: allocationFields,
    schema: allocationSchema,
    load: async (request) => funding.year(request.params.partnershipId, request.params.year),
    options: priorityOptions,
    title: (fundingYear) => `Propose an allocation of the ${fundingYear.grant.yearLabel} grant`,
    intro: (fundingYear) =>
      `${formatMoney(fundingYear.position.unallocated)} of the ${formatMoney(fundingYear.position.available)} available is left to allocate. The proposal goes to the board to agree; the chair then releases the money.`,
    submitText: 'Propose allocation',
    crumbs: (request) => yearCrumbs(request, request.params),
    back: (request) => yearHref(request.params),
    initialValues: () => ({}),
    async save(request, value) {
      const { partnershipId, year } = request.params;
      const id = await funding.propose(principalOf(request), partnershipId, year, value);
      const { allocation } = await funding.allocation(partnershipId, year, id);
      return { redirect: yearHref(request.params), flash: `Allocation ${allocation.reference} proposed` };
    },
  });

  const loadAllocation = ({ partnershipId, year, id }: YearAddress & { id: string }) => funding.allocation(partnershipId, year, id);
  const allocationCrumbs = (request: FastifyRequest, address: YearAddress, allocation: AllocationView): Crumb[] => [
    ...yearCrumbs(request, address),
    { text: `Allocation ${allocation.reference}`, href: allocationHref(address, allocation.id) },
  ];

  app.get('/:year/allocations/:id', { config: view, schema: { params: allocationParams } }, async (request, reply) => {
    const { partnershipId, year } = request.params;
    const [loaded, fundingYear] = await Promise.all([loadAllocation(request.params), funding.year(partnershipId, year)]);
    return pages.render(request, reply, 'funding/views/allocation.njk', {
      ...allocationPage(request.params, loaded, fundingYear, mayManage(request)),
      breadcrumbs: yearCrumbs(request, request.params),
    });
  });

  registerFormPage(instance, pages, {
    path: '/:year/allocations/:id/edit',
    action: '/:year/allocations/:id',
    actionHref: (request) => allocationHref(request.params, request.params.id),
    access: 'partnership:manage',
    params: allocationParams,
    fields: allocationFields,
    schema: allocationSchema,
    load: (request) => loadAllocation(request.params),
    options: priorityOptions,
    title: ({ allocation }) => `Change allocation ${allocation.reference}`,
    intro: () => 'An allocation can be changed only while it is proposed: once the board has agreed it, a change is a new proposal.',
    submitText: 'Save allocation',
    crumbs: (request, { allocation }) => allocationCrumbs(request, request.params, allocation),
    back: (request, { allocation }) => allocationHref(request.params, allocation.id),
    initialValues: (_request, { allocation }) => ({
      theme: allocation.theme,
      purpose: allocation.purpose,
      granteeKind: allocation.granteeKind,
      grantee: allocation.grantee ?? '',
      amount: typedPounds(allocation.amount),
      priorityId: allocation.priorityId ?? '',
    }),
    version: ({ allocation }) => allocation.version,
    async save(request, value, version, { allocation }) {
      const { partnershipId, year } = request.params;
      await funding.changeAllocation(principalOf(request), partnershipId, year, allocation.id, version, value);
      return { redirect: allocationHref(request.params, allocation.id), flash: `Allocation ${allocation.reference} saved` };
    },
  });

  app.get('/:year/allocations/:id/withdraw', { config: manage, schema: { params: allocationParams } }, async (request, reply) => {
    const { partnershipId, year } = request.params;
    const [{ allocation }, fundingYear] = await Promise.all([loadAllocation(request.params), funding.year(partnershipId, year)]);
    const href = allocationHref(request.params, allocation.id);
    return pages.render(request, reply, 'funding/views/withdraw.njk', {
      title: `Withdraw allocation ${allocation.reference}?`,
      // Said instead of the button when the allocation cannot be withdrawn.
      refusal: allocationRefusal('withdraw', allocation.state, yearSituation(fundingYear)),
      allocation: { ...allocation, amountText: formatMoney(allocation.amount), stateName: allocationStateNames[allocation.state] },
      action: `${href}/withdraw`,
      cancel: href,
      breadcrumbs: allocationCrumbs(request, request.params, allocation),
    });
  });

  app.post(
    '/:year/allocations/:id/withdraw',
    { config: manage, schema: { params: allocationParams, body: formBody } },
    async (request, reply) => {
      const { partnershipId, year } = request.params;
      const { allocation } = await loadAllocation(request.params);
      await reportOnNextPage(request, async () => {
        await funding.withdraw(principalOf(request), partnershipId, year, allocation.id, versionOf(request.body));
        return `Allocation ${allocation.reference} withdrawn: its ${formatMoney(allocation.amount)} is free to allocate again`;
      });
      return reply.redirect(allocationHref(request.params, allocation.id));
    },
  );

  // The board's agreement and the chair's release: ticked lists of allocations.
  async function renderAgree(
    request: FastifyRequest,
    reply: FastifyReply,
    address: YearAddress,
    state: { decisionId: string; ticked: string[] | null; errors: FormErrors | null },
  ) {
    const [fundingYear, decisions] = await Promise.all([
      funding.year(address.partnershipId, address.year),
      funding.boardDecisions(address.partnershipId),
    ]);
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
      action: `${yearHref(address)}/agree`,
      cancel: yearHref(address),
      breadcrumbs: yearCrumbs(request, address),
    });
  }
  app.get('/:year/agree', { config: manage, schema: { params: yearParams } }, (request, reply) =>
    renderAgree(request, reply, request.params, { decisionId: '', ticked: null, errors: null }),
  );
  app.post('/:year/agree', { config: manage, schema: { params: yearParams, body: formBody } }, async (request, reply) => {
    const { partnershipId, year } = request.params;
    const decisionId = typedText(request.body, 'decisionId');
    const ticked = checkedValues(request.body.allocationIds);
    const refuse = (byField: Record<string, string>) =>
      renderAgree(request, reply, request.params, { decisionId, ticked, errors: errorsFor(agreeFields, byField) });
    const byField: Record<string, string> = {};
    if (!decisionId) byField.decisionId = 'Select the board’s decision that agreed the allocations';
    if (!ticked.length) byField.allocationIds = 'Select the allocations the board agreed';
    if (Object.keys(byField).length) return refuse(byField);
    const agreed = await attempt(() => funding.agree(principalOf(request), partnershipId, year, decisionId, ticked));
    if (!agreed.ok) return refuse(agreed.byField);
    request.session.flash = `${plural(agreed.value, 'allocation', 'allocations')} agreed by the board`;
    return reply.redirect(yearHref(request.params));
  });

  async function renderRelease(
    request: FastifyRequest,
    reply: FastifyReply,
    address: YearAddress,
    state: { ticked: string[] | null; errors: FormErrors | null },
  ) {
    const fundingYear = await funding.year(address.partnershipId, address.year);
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
      action: `${yearHref(address)}/release/check`,
      cancel: yearHref(address),
      breadcrumbs: yearCrumbs(request, address),
    });
  }
  app.get('/:year/release', { config: chair, schema: { params: yearParams } }, (request, reply) =>
    renderRelease(request, reply, request.params, { ticked: null, errors: null }),
  );
  // The chair's choice is checked, then asked about on a page that says what releasing does, then made.
  app.post('/:year/release/check', { config: chair, schema: { params: yearParams, body: formBody } }, async (request, reply) => {
    const address = request.params;
    const ticked = checkedValues(request.body.allocationIds);
    if (!ticked.length) {
      return renderRelease(request, reply, address, {
        ticked,
        errors: errorsFor(releaseFields, { allocationIds: 'Select the allocations to release' }),
      });
    }
    const fundingYear = await funding.year(address.partnershipId, address.year);
    const chosen = fundingYear.allocations.filter((a) => ticked.includes(a.id)).sort(byReference);
    // The page asks only about a release its life allows, so that its button does not lead to a refusal.
    const situation = yearSituation(fundingYear);
    const refused =
      chosen.length === ticked.length
        ? chosen.map((a) => allocationRefusal('release', a.state, situation)).find((refusal) => refusal !== null)
        : listRefusal('release');
    if (refused) return renderRelease(request, reply, address, { ticked, errors: errorsFor(releaseFields, { allocationIds: refused }) });
    const total = formatMoney(chosen.reduce((sum, allocation) => sum + allocation.amount, 0));
    const allocations = plural(chosen.length, 'allocation', 'allocations');
    return renderConfirmation(pages, request, reply, {
      title: `Release ${allocations}, ${total} in all?`,
      caption: `Funding ${fundingYear.grant.yearLabel}`,
      rows: [
        ...chosen.map((allocation) => ({
          key: `${allocation.reference}. ${truncate(allocation.purpose, 80)}`,
          value: `${formatMoney(allocation.amount)}: ${allocation.granteeText}`,
        })),
        { key: 'Total', value: total },
      ],
      happens: [
        `${total} is released to the ${chosen.length === 1 ? 'grantee' : 'grantees'} above: it can be spent from now on.`,
        'A released allocation can no longer be changed or withdrawn: what is not spent shows as underspend at the year end.',
        'The officers return its spend every quarter from this one on, and the financial reports list any return missing.',
        'No one is e-mailed: tell the grantees yourself.',
      ],
      hidden: { allocationIds: chosen.map((allocation) => allocation.id).join(',') },
      action: `${yearHref(address)}/release`,
      button: `Release ${total}`,
      cancel: `${yearHref(address)}/release`,
      breadcrumbs: yearCrumbs(request, address),
    });
  });
  app.post('/:year/release', { config: chair, schema: { params: yearParams, body: formBody } }, async (request, reply) => {
    const { partnershipId, year } = request.params;
    // From the confirmation, the chosen allocations come as one list.
    const ticked = checkedValues(request.body.allocationIds)
      .flatMap((value) => value.split(','))
      .filter(Boolean);
    const refuse = (byField: Record<string, string>) =>
      renderRelease(request, reply, request.params, { ticked, errors: errorsFor(releaseFields, byField) });
    if (!ticked.length) return refuse({ allocationIds: 'Select the allocations to release' });
    const released = await attempt(() => funding.release(principalOf(request), partnershipId, year, ticked));
    if (!released.ok) return refuse(released.byField);
    request.session.flash = `${plural(released.value, 'allocation', 'allocations')} released`;
    return reply.redirect(yearHref(request.params));
  });
}
