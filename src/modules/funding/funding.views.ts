/**
 * The funding pages' view-models: money, states, decisions and the position written out as the templates
 * show them. No rules: what may be done is asked of allocationLife.ts.
 */
import { words } from '../../platform/csvRecords.ts';
import { financialYearName, formatDate, formatDayOf } from '../../platform/dates.ts';
import { digits, formatMoney, formatMoneyChange, formatPercentChange } from '../../platform/numbers.ts';
import { formatDateTime } from '../../web/render.ts';
import { type AllocationMove, allocationAllows, allocationStateNames, yearAllows, yearRefusal, yearSituation } from './allocationLife.ts';
import { allocationHref, fundingPath, reportHref, type YearAddress, yearHref, yearSlug } from './funding.paths.ts';
import { carryOverStateNames } from './funding.inputs.ts';
import type {
  AllocationEvent,
  AllocationState,
  AllocationView,
  AreaFunding,
  AreaFundingRow,
  CarryOverView,
  DecisionLink,
  FinancialReport,
  FundingYear,
  GrantView,
  Quarter,
} from './funding.types.ts';
import { leftOrOverspent, type PositionLine, type ReturnsStanding, returnsStanding, returnsStatement } from './position.ts';

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
  variance: leftOrOverspent(line.variance),
  underspend: leftOrOverspent(line.underspend),
  missingReturns: line.missingReturns.map((quarter) => `Q${quarter}`).join(', '),
});

/** The standing of a position's returns as a page shows it: the sentence, and each allocation missing one. */
export const returnsView = (address: YearAddress, standing: ReturnsStanding) => ({
  complete: standing.complete,
  statement: returnsStatement(standing),
  missing: standing.missing.map((line) => ({
    reference: line.reference,
    purpose: line.purpose,
    grantee: line.grantee,
    href: allocationHref(address, line.id),
    quarters: line.quarters.map((q) => `Q${q}`).join(', '),
  })),
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
export const allocationRow = (address: YearAddress, allocation: AllocationView) => ({
  id: allocation.id,
  reference: allocation.reference,
  purpose: allocation.purpose,
  href: allocationHref(address, allocation.id),
  granteeText: allocation.granteeText,
  amount: formatMoney(allocation.amount),
  state: allocation.state,
  stateName: allocationStateNames[allocation.state],
  tagClass: stateTagClasses[allocation.state],
  decision: decisionView(allocation.decision),
});

/** The allocations that count, grouped by theme as the position groups them (however the theme was typed), with subtotals. */
export const themeGroups = (address: YearAddress, allocations: AllocationView[]) => {
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
    rows: group.allocations.map((allocation) => allocationRow(address, allocation)),
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

/** The list of years with a grant. */
export const fundingListPage = (partnershipId: string, grants: GrantView[]) => ({
  title: 'Funding',
  base: fundingPath(partnershipId),
  grants: grants.map((grant) => ({
    year: grant.yearLabel,
    href: yearHref({ partnershipId, year: grant.yearStarting }),
    funder: grant.funder,
    amount: formatMoney(grant.amount),
    carryOver: formatMoney(grant.carryOver),
    available: formatMoney(grant.amount + grant.carryOver),
  })),
});

/** A year's page: its grant, the allocations by theme, the position, and what may be done next. */
export function yearPage(address: YearAddress, fundingYear: FundingYear, may: { manage: boolean; release: boolean }) {
  const { grant, position, allocations } = fundingYear;
  const { year } = address;
  const href = yearHref(address);
  return {
    title: `Funding ${grant.yearLabel}`,
    href,
    grantRows: grantRows(grant, fundingYear.change),
    figures: {
      allocated: formatMoney(position.allocated),
      available: formatMoney(position.available),
      unallocated: position.unallocated === 0 ? null : formatMoney(position.unallocated),
    },
    themes: themeGroups(address, allocations),
    withdrawn: allocations
      .filter((a) => a.state === 'withdrawn')
      .sort(byReference)
      .map((allocation) => allocationRow(address, allocation)),
    total: formatMoney(position.allocated),
    position: {
      through: quarterName(position.throughQuarter, year),
      anyReturns: allocations.some((a) => a.spend.length > 0),
      themes: position.themes.map((line) => ({ theme: line.theme, ...lineView(line) })),
      total: lineView(position.total),
    },
    ...yearOffers(fundingYear, may),
    // Only quarters that have begun: spend cannot be returned, nor reported, for one still to come.
    quarters: fundingYear.begun.map((quarter) => ({
      quarter,
      spendHref: `${href}/spend/q${quarter}`,
      reportHref: reportHref(address, quarter),
      name: quarterName(quarter, year),
    })),
    mayManage: may.manage,
  };
}

/** An allocation's page: what it is, its history, its spend once released, and the moves its life allows. */
export function allocationPage(
  address: YearAddress,
  { allocation, events }: { allocation: AllocationView; events: AllocationEvent[] },
  fundingYear: FundingYear,
  mayManage: boolean,
) {
  const { year } = address;
  const line = fundingYear.position.allocations.find((candidate) => candidate.id === allocation.id);
  return {
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
    decision: decisionView(allocation.decision),
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
              // A return without a forecast gave none: the year's forecast below is worked out without it.
              forecast: entry ? (entry.forecast === null ? 'Not given' : formatMoney(entry.forecast)) : '',
            };
          })
        : null,
    line: line ? { ...lineView(line), through: quarterName(fundingYear.position.throughQuarter, year) } : null,
    href: allocationHref(address, allocation.id),
    ...allocationOffers(allocation, fundingYear, mayManage),
  };
}

/** The quarterly financial report's page, with the other quarters' reports that exist. */
export function reportPage(address: YearAddress, report: FinancialReport, begun: Quarter[], mayManage: boolean) {
  const { grant, position, quarter } = report;
  const { year } = address;
  const href = reportHref(address, quarter);
  return {
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
      href: allocationHref(address, line.id),
      stateName: allocationStateNames[line.state],
      ...lineView(line),
    })),
    total: lineView(position.total),
    returns: returnsView(address, returnsStanding(position)),
    carryOver: carryOverView(report.carryOver),
    files: `${href}/files`,
    href,
    // Only quarters that have begun: there is no report for one still to come.
    otherQuarters: begun
      .filter((other) => other !== quarter)
      .map((other) => ({ text: `Financial report, ${quarterName(other, year)}`, href: reportHref(address, other) })),
    mayManage,
  };
}

/** The funder's view: every partnership of the area side by side for a year, with the area's totals. */
export function areaPage(areaHref: string, area: { name: string; oversightBody: string } | null, funding: AreaFunding) {
  const { yearStarting: year, years, rows } = funding;
  const sum = (figure: (row: AreaFundingRow) => number | null) => rows.reduce((total, row) => total + (figure(row) ?? 0), 0);
  return {
    title: `Funding in ${area?.name ?? 'the area'}, ${financialYearName(year)}`,
    oversightBody: area?.oversightBody ?? '',
    carryOverHeadings: carryOverHeadings(year),
    rows: [...rows].sort(byName((row) => row.partnershipShortName)).map((row) => ({
      name: row.partnershipShortName,
      href: row.grant === null ? fundingPath(row.partnershipId) : yearHref({ partnershipId: row.partnershipId, year }),
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
      .map((other) => ({ text: financialYearName(other), href: `${areaHref}?year=${yearSlug(other)}` })),
    download: `${areaHref}/download.csv?year=${yearSlug(year)}`,
  };
}

/** The funder's view as CSV rows: plain figures, and every partnership by its full name. */
export function areaCsv({ yearStarting: year, rows }: AreaFunding): string[][] {
  const headings = carryOverHeadings(year);
  return [
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
  ];
}
