/**
 * The funding pages' view-models: money, states, decisions and the position written out as the templates
 * show them. No rules: what may be done is asked of allocationLife.ts.
 */
import type { FastifyRequest } from 'fastify';
import { words } from '../../platform/csvRecords.ts';
import { financialYearName, formatDate, formatDayOf } from '../../platform/dates.ts';
import { digits, formatMoney, formatMoneyChange, formatPercentChange } from '../../platform/numbers.ts';
import { formatDateTime } from '../../web/render.ts';
import { type AllocationMove, allocationAllows, allocationStateNames, yearAllows, yearRefusal, yearSituation } from './allocationLife.ts';
import { allocationHref } from './funding.paths.ts';
import { carryOverStateNames } from './funding.inputs.ts';
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
import type { PositionLine } from './position.ts';

/** An amount held in pence as a person would type it in a form: 409728 pounds is "409,728", and pence show when there are some. */
export function typedPounds(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  const size = Math.abs(Math.round(pence));
  return `${pence < 0 ? '-' : ''}${digits(size / 100, size % 100 === 0 ? 0 : 2)}`;
}

export const quarterName = (quarter: Quarter, yearStarting: number) => `Quarter ${quarter}, ${financialYearName(yearStarting)}`;
export const byReference = (a: AllocationView, b: AllocationView) => a.reference - b.reference;
export const truncate = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

/** GOV.UK tag colours for an allocation's state. */
export const stateTagClasses: Record<AllocationState, string> = {
  proposed: 'govuk-tag--blue',
  agreed: 'govuk-tag--purple',
  released: 'govuk-tag--green',
  withdrawn: 'govuk-tag--grey',
};
export const carryOverTagClasses = { requested: 'govuk-tag--blue', agreed: 'govuk-tag--green', declined: 'govuk-tag--red' } as const;

export const decisionView = (decision: DecisionLink | null) =>
  decision
    ? {
        href: decision.href,
        text: `${decision.groupName}, ${formatDate(decision.meetingDate)}`,
        date: formatDate(decision.meetingDate),
        wording: decision.wording,
      }
    : null;

/** The money figures of a line of the position, written out. */
export const lineView = (line: PositionLine) => ({
  allocated: formatMoney(line.allocated),
  spentToDate: formatMoney(line.spentToDate),
  forecast: formatMoney(line.forecast),
  variance: formatMoney(line.variance),
  underspend: formatMoney(line.underspend),
  missingReturns: line.missingReturns.map((quarter) => `Q${quarter}`).join(', '),
});

/** "−£136,576 (−25%) on 2015/16’s £546,304", or null when last year's grant is not known. */
export function changeText(grant: GrantView, change: FundingYear['change']): string | null {
  if (!change || grant.previousAmount === null) return null;
  const percent = change.percent === null ? '' : ` (${formatPercentChange(change.percent)})`;
  return `${formatMoneyChange(change.difference)}${percent} on ${financialYearName(grant.yearStarting - 1)}’s ${formatMoney(grant.previousAmount)}`;
}

export function carryOverInText(grant: GrantView): string {
  const agreed = grant.carryOverAgreed;
  if (!agreed) return formatMoney(grant.carryOver);
  return `${formatMoney(grant.carryOver)}, agreed${agreed.by ? ` by ${agreed.by}` : ''} on ${formatDayOf(agreed.on) ?? 'an unrecorded date'}`;
}

/** The grant's summary list rows. */
export function grantRows(grant: GrantView, change: FundingYear['change']) {
  return [
    { key: 'Funder', value: grant.funder },
    { key: 'Grant', value: formatMoney(grant.amount) },
    { key: 'Change on last year', value: changeText(grant, change) ?? 'Not known: last year’s grant is not recorded' },
    { key: 'Carry-over from last year', value: carryOverInText(grant) },
    ...(grant.notes ? [{ key: 'Notes', value: grant.notes }] : []),
  ];
}

export function carryOverView(carryOver: CarryOverView | null) {
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

/** An allocation as the tables list it. */
export const allocationRow = (request: FastifyRequest, year: number, allocation: AllocationView) => ({
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
export const themeGroups = (request: FastifyRequest, year: number, allocations: AllocationView[]) => {
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

/** Rows in the order of the name they show, the same whichever database sorted them. */
export const byName = (name: (row: AreaFundingRow) => string) => (a: AreaFundingRow, b: AreaFundingRow) =>
  name(a).localeCompare(name(b), 'en-GB');
export const moneyOrNull = (pence: number | null) => (pence === null ? '' : formatMoney(pence));
export const plainPounds = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2));
/** Where the carry-over of the year's underspend into the next year stands: asked, and the funder's answer. */
export const carryOverAsked = (row: AreaFundingRow) =>
  row.carryOverRequested === null ? 'Not asked' : formatMoney(row.carryOverRequested);
export const carryOverAnswer = (row: AreaFundingRow): string => {
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
export const carryOverDecision = (row: AreaFundingRow): string =>
  row.carryOverState === null ? 'Not asked' : carryOverStateNames[row.carryOverState];
/** The headings of the carry-over into the next year, told apart from the carry-over from last year. */
export const carryOverHeadings = (year: number) => {
  const into = `Carry-over into ${financialYearName(year + 1)}`;
  return { asked: `${into}: asked`, agreed: `${into}: agreed`, decision: `${into}: the funder’s decision` };
};

/**
 * The moves a year's page offers: only those its life allows, to those who may make them, so that no button
 * leads to a refusal; and, once the year is closed, why.
 */
export function yearOffers(fundingYear: FundingYear, may: { manage: boolean; release: boolean }) {
  const situation = yearSituation(fundingYear);
  const anyAllows = (move: AllocationMove) => fundingYear.allocations.some((a) => allocationAllows(move, a.state, situation));
  return {
    offers: {
      propose: may.manage && yearAllows('propose', situation),
      agree: may.manage && anyAllows('agree'),
      release: may.release && anyAllows('release'),
      changeGrant: may.manage && yearAllows('changeGrant', situation),
      returnSpend: may.manage && anyAllows('returnSpend'),
    },
    closed: yearRefusal('returnSpend', situation),
  };
}

/** The buttons an allocation's page offers: only for the moves its life allows. */
export function allocationOffers(allocation: AllocationView, fundingYear: FundingYear, mayManage: boolean) {
  const situation = yearSituation(fundingYear);
  return {
    mayChange: mayManage && allocationAllows('change', allocation.state, situation),
    mayWithdraw: mayManage && allocationAllows('withdraw', allocation.state, situation),
  };
}
