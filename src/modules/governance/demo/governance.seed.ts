/**
 * The demo: the Coventry partnership as the 2016 briefing note documents it, Leicestershire's nine
 * partnerships from the 2009 Police Authority report, and Safer Plymouth. Written through the
 * services, so the audit log shows the demo being set up like any other change.
 */
import { systemPrincipal } from '../../../platform/principal.ts';
import { type DemoArea, type DemoGroup, type DemoPartnership, demoAreas } from './governance.data.ts';
import type { GovernanceService } from '../governance.service.ts';

async function seedGroup(
  governance: GovernanceService,
  partnershipId: string,
  group: DemoGroup,
  ids: { groups: Map<string, string>; organisations: Map<string, string>; people: Map<string, string> },
): Promise<void> {
  const need = (map: Map<string, string>, key: string) => {
    const id = map.get(key);
    if (!id) throw new Error(`Demo data refers to unknown key ${key}`);
    return id;
  };
  const groupId = await governance.groups.create(systemPrincipal, partnershipId, {
    name: group.name,
    parentId: group.parentKey ? need(ids.groups, group.parentKey) : null,
  });
  ids.groups.set(group.key, groupId);
  const { quorumRule, ...terms } = group.terms;
  await governance.reviseTerms(
    systemPrincipal,
    partnershipId,
    groupId,
    {
      ...terms,
      quorumKind: quorumRule.kind,
      communityMinimum: quorumRule.kind === 'responsible_authorities_and_community' ? quorumRule.communityMinimum : null,
      minimum: quorumRule.kind === 'count' ? quorumRule.minimum : null,
      numerator: quorumRule.kind === 'fraction' ? quorumRule.numerator : null,
      denominator: quorumRule.kind === 'fraction' ? quorumRule.denominator : null,
    },
    0,
  );
  for (const membership of group.memberships) {
    await governance.memberships.create(systemPrincipal, partnershipId, {
      groupId,
      personId: need(ids.people, membership.personKey),
      organisationId: need(ids.organisations, membership.organisationKey),
      role: membership.role,
      voting: membership.voting,
      core: membership.core,
      startDate: membership.startDate,
      endDate: null,
      substitutePersonId: membership.substitutePersonKey ? need(ids.people, membership.substitutePersonKey) : null,
    });
  }
  for (const appointment of group.chairAppointments) {
    await governance.chairAppointments.create(systemPrincipal, partnershipId, {
      groupId,
      personId: need(ids.people, appointment.personKey),
      role: appointment.role,
      yearStarting: appointment.yearStarting,
      appointedOn: appointment.appointedOn,
      appointedBy: appointment.appointedBy,
    });
  }
}

async function seedPartnership(governance: GovernanceService, areaId: string, partnership: DemoPartnership): Promise<string> {
  const partnershipId = await governance.partnerships.create(systemPrincipal, null, {
    areaId,
    name: partnership.name,
    shortName: partnership.shortName,
    localAuthority: partnership.localAuthority,
    population: partnership.population,
  });
  const ids = { groups: new Map<string, string>(), organisations: new Map<string, string>(), people: new Map<string, string>() };
  for (const organisation of partnership.organisations) {
    const { key, ...input } = organisation;
    ids.organisations.set(key, await governance.organisations.create(systemPrincipal, partnershipId, input));
  }
  for (const person of partnership.people) {
    ids.people.set(
      person.key,
      await governance.people.create(systemPrincipal, partnershipId, {
        name: person.name,
        jobTitle: person.jobTitle,
        organisationId: ids.organisations.get(person.organisationKey) ?? null,
        email: demoEmail(person.name),
      }),
    );
  }
  for (const group of partnership.groups) await seedGroup(governance, partnershipId, group, ids);
  return partnershipId;
}

/**
 * A demo person's address on the domain reserved for examples (RFC 2606), "firstname.lastname@example.org", so that
 * the demo sends (to the log mailer) what a real partnership would, and never to anyone.
 */
export function demoEmail(name: string): string {
  const words = name
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^a-z-]/g, ''))
    .filter(Boolean);
  // A title is no part of an address: "Cllr Ron Marks" is ron.marks, "Insp. Brown" is brown.
  const named = words.length > 1 && honorifics.has(words[0] ?? '') ? words.slice(1) : words;
  return `${named.join('.')}@example.org`;
}

const honorifics = new Set(['cllr', 'insp', 'supt', 'dr', 'mr', 'mrs', 'ms']);

/**
 * Creates the demo areas and partnerships, leaving alone any that already exist by name (so running it
 * twice adds nothing); returns the ids of the partnerships it added, by demo key.
 */
export async function seedDemo(governance: GovernanceService, areas: readonly DemoArea[] = demoAreas): Promise<Map<string, string>> {
  const partnershipIds = new Map<string, string>();
  const existingAreas = await governance.areas.list(null, { includeArchived: true });
  const existingPartnerships = new Set((await governance.partnerships.list(null, { includeArchived: true })).map((p) => p.name));
  for (const area of areas) {
    const areaId =
      existingAreas.find((existing) => existing.name === area.name)?.id ??
      (await governance.areas.create(systemPrincipal, null, {
        name: area.name,
        forceName: area.forceName,
        oversightBody: area.oversightBody,
        oversightKind: area.oversightKind,
      }));
    for (const partnership of area.partnerships.filter((p) => !existingPartnerships.has(p.name))) {
      partnershipIds.set(partnership.key, await seedPartnership(governance, areaId, partnership));
    }
  }
  return partnershipIds;
}
