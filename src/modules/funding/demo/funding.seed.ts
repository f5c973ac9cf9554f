/**
 * The demo's funding: Coventry's 2016/17 grant and its 18 allocations from Appendix 8 of the briefing note,
 * agreed by a board decision and released, as the terms of reference have it ("The Chair will … release
 * funding on behalf of the Board"). No spend is seeded: the note gives none.
 */
import { englandTimeToUtc } from '../../../platform/dates.ts';
import { systemPrincipal } from '../../../platform/principal.ts';
import type { GovernanceService } from '../../governance/index.ts';
import type { AgendaService, MeetingsService, MinutesService } from '../../meetings/index.ts';
import { agreeingMeeting2016, coventryAllocations2016, coventryGrant2016 } from './coventry2016.data.ts';
import type { FundingService } from '../funding.service.ts';

interface FundingSeedServices {
  governance: GovernanceService;
  meetings: MeetingsService;
  agenda: AgendaService;
  minutes: MinutesService;
  funding: FundingService;
}

const pence = (pounds: number) => Math.round(pounds * 100);

/** Seeds Coventry's 2016/17 funding once; returns the year it is for. */
export async function seedDemoFunding(services: FundingSeedServices, partnershipId: string): Promise<number> {
  const { governance, meetings, agenda, minutes, funding } = services;
  const { yearStarting } = coventryGrant2016;
  if ((await funding.grants(partnershipId)).some((grant) => grant.yearStarting === yearStarting)) return yearStarting;

  await funding.recordGrant(systemPrincipal, partnershipId, {
    ...coventryGrant2016,
    amount: pence(coventryGrant2016.amount),
    previousAmount: pence(coventryGrant2016.previousAmount),
    carryOver: pence(coventryGrant2016.carryOver),
  });
  // The allocations' history gives the day of the board meeting that agreed them (itself assumed), not the day the
  // demo was loaded: so the year's reports owe a spend return for each quarter from the first.
  const { item, decision, ...when } = agreeingMeeting2016;
  const on = { at: englandTimeToUtc(when.meetingDate, when.startTime).toISOString() };
  const ids: string[] = [];
  for (const { theme, purpose, grantee, amount } of coventryAllocations2016) {
    const granteeKind = grantee === undefined ? 'not_named' : grantee === null ? 'commissioned' : 'organisation';
    ids.push(
      await funding.propose(
        systemPrincipal,
        partnershipId,
        yearStarting,
        {
          theme,
          purpose,
          granteeKind,
          grantee: grantee ?? null,
          amount: pence(amount),
          priorityId: null,
        },
        on,
      ),
    );
  }

  const board = (await governance.groups.list(partnershipId)).find((group) => group.parentId === null);
  if (!board) throw new Error('The demo partnership has no board');
  const meetingId = await meetings.schedule(systemPrincipal, partnershipId, { groupId: board.id, kind: 'ordinary', ...when });
  const itemId = await agenda.addItem(systemPrincipal, partnershipId, meetingId, {
    title: item,
    section: 'decision',
    presenter: null,
    purpose: 'To agree the allocation of the PCC’s funding for the year',
    confidential: false,
    confidentialReason: null,
  });
  const decisionId = await minutes.addDecision(systemPrincipal, partnershipId, meetingId, itemId, {
    outcome: 'agreed',
    wording: decision,
    recommendedTo: null,
    votesFor: null,
    votesAgainst: null,
    votesAbstaining: null,
  });
  await funding.agree(systemPrincipal, partnershipId, yearStarting, decisionId, ids, on);
  await funding.release(systemPrincipal, partnershipId, yearStarting, ids, on);
  return yearStarting;
}
