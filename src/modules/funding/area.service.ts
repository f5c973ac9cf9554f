/** The funder's view: every partnership of an area side by side for a year. */
import { todayInEngland } from '../../platform/clock.ts';
import { financialYearStart } from '../../platform/dates.ts';
import { listAllocations, listCarryOvers, listGrantsOfYear, listGrantYears, listSpend } from './funding.repository.ts';
import type { AreaFunding, AreaFundingRow, Quarter } from './funding.types.ts';
import type { FundingDependencies } from './fundingYears.ts';
import { counts } from './position.ts';

export interface AreaService {
  /**
   * Every partnership of the area side by side for a year, for the funder: the year asked for, else the
   * latest any partnership has a grant for, else the year under way.
   */
  area(areaId: string, yearStarting: number | null): Promise<AreaFunding>;
}

export function createAreaService({ db, clock, areaPartnerships }: FundingDependencies): AreaService {
  return {
    async area(areaId, asked) {
      const partnerships = [...(await areaPartnerships(areaId))].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
      const ids = partnerships.map((p) => p.id);
      const years = await listGrantYears(db, ids);
      const yearStarting = asked ?? years[0] ?? Number(financialYearStart(todayInEngland(clock)).slice(0, 4));
      const yearGrants = await listGrantsOfYear(db, ids, yearStarting);
      const grants = partnerships.map((p) => yearGrants.find((g) => g.partnershipId === p.id));
      const [allocations, requests] = await Promise.all([
        Promise.all(
          partnerships.map((p, index) => (grants[index] ? listAllocations(db, p.id, { grantId: grants[index].id }) : Promise.resolve([]))),
        ),
        listCarryOvers(
          db,
          yearGrants.map((g) => g.id),
        ),
      ]);
      const spend = await listSpend(
        db,
        allocations.flat().map((a) => a.id),
      );
      const rows = partnerships.map((p, index): AreaFundingRow => {
        const grant = grants[index];
        if (!grant) {
          return {
            partnershipId: p.id,
            partnershipName: p.name,
            partnershipShortName: p.shortName,
            grant: null,
            carryOver: null,
            available: null,
            allocated: null,
            released: null,
            spentToDate: null,
            spendThrough: null,
            carryOverState: null,
            carryOverRequested: null,
            carryOverAgreed: null,
          };
        }
        const counted = (allocations[index] ?? []).filter((a) => counts(a.state));
        const theirs = spend.filter((s) => counted.some((a) => a.id === s.allocationId));
        const request = requests.find((r) => r.grantId === grant.id);
        const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
        return {
          partnershipId: p.id,
          partnershipName: p.name,
          partnershipShortName: p.shortName,
          grant: grant.amountPence,
          carryOver: grant.carryOverPence,
          available: grant.amountPence + grant.carryOverPence,
          allocated: sum(counted.map((a) => a.amountPence)),
          released: sum(counted.filter((a) => a.state === 'released').map((a) => a.amountPence)),
          spentToDate: sum(theirs.map((s) => s.spentPence)),
          spendThrough: theirs.length ? (Math.max(...theirs.map((s) => s.quarter)) as Quarter) : null,
          carryOverState: request?.state ?? null,
          carryOverRequested: request?.requestedPence ?? null,
          carryOverAgreed: request?.agreedPence ?? null,
        };
      });
      return { yearStarting, years, rows };
    },
  };
}
