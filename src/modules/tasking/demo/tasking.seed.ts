/**
 * The demo's tasking: Charnwood's two priority locations (Loughborough town centre by its LSOAs, and three
 * streets of Thurmaston), its tasking group's meeting after the latest month of crime data, and what two
 * agencies committed for the month before, with their results, so that the latest document shows them.
 * The places are the busiest of Charnwood's 24 months of police.uk data; the resources and results are illustrative.
 */
import { englandTimeToUtc } from '../../../platform/dates.ts';
import { systemPrincipal } from '../../../platform/principal.ts';
import type { CrimeDataService } from '../../crimedata/index.ts';
import { addMonths } from '../../crimedata/index.ts';
import type { GovernanceService } from '../../governance/index.ts';
import type { MeetingsService } from '../../meetings/index.ts';
import type { TaskingService } from '../tasking.types.ts';

export async function seedDemoTasking(
  services: { governance: GovernanceService; meetings: MeetingsService; crimeData: CrimeDataService; tasking: TaskingService },
  charnwood: string,
): Promise<void> {
  const { governance, meetings, crimeData, tasking } = services;
  const group = (await governance.groups.list(charnwood)).find((candidate) => candidate.name === 'Charnwood Tasking Group');
  const latest = (await crimeData.publishedMonths(charnwood)).at(-1);
  if (!group || !latest) return;
  const townCentre = await tasking.createLocation(systemPrincipal, charnwood, {
    name: 'Loughborough town centre',
    kind: 'lsoa',
    // Charnwood 003A (Swan Street, Ashby Road), 002A (Baxter Gate), 002D (Bridge Street, Biggin Street), 009E.
    places: ['E01025720', 'E01025699', 'E01025703', 'E01025718'],
    reason: 'Violence and shoplifting in the shopping streets and the night-time economy',
  });
  const thurmaston = await tasking.createLocation(systemPrincipal, charnwood, {
    name: 'Thurmaston: Charnwood Close and Checkland Road',
    kind: 'street',
    places: ['On or near Charnwood Close', 'On or near Checkland Road', 'On or near Asda, Thurmaston'],
    reason: 'Repeat anti-social behaviour and shoplifting around the retail park',
  });
  // The group meets on the second Thursday of the month after; the document is issued the day before.
  const nextMonth = addMonths(latest, 1);
  const firstDay = new Date(`${nextMonth}-01T12:00:00Z`);
  const secondThursday = 1 + ((4 - firstDay.getUTCDay() + 7) % 7) + 7;
  await meetings.schedule(systemPrincipal, charnwood, {
    groupId: group.id,
    kind: 'ordinary',
    meetingDate: `${nextMonth}-${String(secondThursday).padStart(2, '0')}`,
    startTime: '10:00',
    location: 'Southfields, Loughborough',
  });
  const organisations = await governance.organisations.list(charnwood);
  const police = organisations.find((organisation) => organisation.name === 'Leicestershire Police');
  const council = organisations.find((organisation) => organisation.name === 'Charnwood Borough Council');
  if (!police || !council) return;
  const month = addMonths(latest, -1);
  const resources = [
    {
      target: `location:${townCentre}`,
      resource: 'patrols' as const,
      organisationId: police.id,
      description: 'High-visibility foot patrols on Friday and Saturday nights',
      result: 'Patrols on eight nights; two arrests for assault; licensees briefed',
    },
    {
      target: `location:${thurmaston}`,
      resource: 'clean_up' as const,
      organisationId: council.id,
      description: 'Clear fly-tipping and cut back the footpath to the retail park',
      result: 'Footpath cleared and lit; no fly-tipping reported since',
    },
  ];
  // Each result is reported as its action ends, in 2022, not on the day the demo is loaded.
  const reportedOn = { at: englandTimeToUtc(`${latest}-28`, '17:00').toISOString() };
  for (const { result, ...resource } of resources) {
    const id = await tasking.recordAction(systemPrincipal, charnwood, {
      ...resource,
      groupId: group.id,
      month,
      startsOn: `${latest}-03`,
      endsOn: `${latest}-28`,
    });
    const { version } = await tasking.action(charnwood, id);
    await tasking.reportResult(systemPrincipal, charnwood, id, version, result, reportedOn);
  }
}
