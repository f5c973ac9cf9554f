/**
 * Who is to do an action: one of the partnership's people or organisations, chosen from its records, or someone
 * else named in words. One check and one reading, used by every form that sets an owner (its fields are in actions.forms.ts).
 */
import { z } from 'zod';
import { choice, optionalText } from '../../platform/inputs.ts';

export const ownerKindNames = { person: 'A person', organisation: 'An organisation', other: 'Someone else' } as const;
export type OwnerKind = keyof typeof ownerKindNames;

/** What a form chose: a record by its id, or a name in words. */
export type OwnerChoice =
  { kind: 'person'; personId: string } | { kind: 'organisation'; organisationId: string } | { kind: 'other'; name: string };

/** The owner as an action stores it: the name as shown, and the record it is, if any. */
export interface ActionOwner {
  owner: string;
  ownerPersonId: string | null;
  ownerOrganisationId: string | null;
}

/** The partnership's current people (with their organisation) and organisations, to choose an owner from. */
export interface OwnerRecords {
  people: readonly { id: string; name: string; organisationId: string | null; organisationName: string | null }[];
  organisations: readonly { id: string; name: string }[];
}

/** The zod shape of the owner's fields, to put into a form's schema beside its other fields. */
export const ownerInput = {
  ownerKind: choice(['person', 'organisation', 'other'], 'Select who is to do it'),
  ownerPersonId: optionalText(),
  ownerOrganisationId: optionalText(),
  owner: optionalText(200, 'Who'),
};
type OwnerValues = { ownerKind: OwnerKind; ownerPersonId: string | null; ownerOrganisationId: string | null; owner: string | null };

/** The field the chosen kind still needs, with what to say next to it. */
export function checkOwner(value: OwnerValues, context: z.RefinementCtx): void {
  const missing =
    value.ownerKind === 'person' && !value.ownerPersonId
      ? { path: 'ownerPersonId', message: 'Select the person' }
      : value.ownerKind === 'organisation' && !value.ownerOrganisationId
        ? { path: 'ownerOrganisationId', message: 'Select the organisation' }
        : value.ownerKind === 'other' && !value.owner
          ? { path: 'owner', message: 'Enter who is to do it' }
          : null;
  if (missing) context.addIssue({ code: 'custom', path: [missing.path], message: missing.message });
}

/** The owner's fields read as one choice (after `checkOwner`), with the rest of the form's values. */
export function readOwner<T extends OwnerValues>({ ownerKind, ownerPersonId, ownerOrganisationId, owner, ...rest }: T) {
  const chosen: OwnerChoice =
    ownerKind === 'person'
      ? { kind: 'person', personId: ownerPersonId ?? '' }
      : ownerKind === 'organisation'
        ? { kind: 'organisation', organisationId: ownerOrganisationId ?? '' }
        : { kind: 'other', name: owner ?? '' };
  return { ...rest, owner: chosen };
}

/** How a stored action's owner was chosen, for the form that changes it. */
export function ownerKindOf(action: { ownerPersonId: string | null; ownerOrganisationId: string | null }): OwnerKind {
  return action.ownerPersonId ? 'person' : action.ownerOrganisationId ? 'organisation' : 'other';
}

/** Just the owner, for a page that asks only who (resolving owners named in words). */
export const ownerSchema = z
  .object(ownerInput)
  .superRefine(checkOwner)
  .transform((value) => readOwner(value).owner);

/**
 * The stored owner of a choice, from the partnership's records: a person or an organisation of another
 * partnership (or none) is not one to choose, and is said next to its field.
 */
export function ownerOf(chosen: OwnerChoice, records: OwnerRecords): ActionOwner | { field: string; message: string } {
  if (chosen.kind === 'person') {
    const person = records.people.find((candidate) => candidate.id === chosen.personId);
    return person
      ? { owner: person.name, ownerPersonId: person.id, ownerOrganisationId: null }
      : { field: 'ownerPersonId', message: 'Select a person of this partnership' };
  }
  if (chosen.kind === 'organisation') {
    const organisation = records.organisations.find((candidate) => candidate.id === chosen.organisationId);
    return organisation
      ? { owner: organisation.name, ownerPersonId: null, ownerOrganisationId: organisation.id }
      : { field: 'ownerOrganisationId', message: 'Select an organisation of this partnership' };
  }
  return { owner: chosen.name, ownerPersonId: null, ownerOrganisationId: null };
}

/**
 * The owner a name in words names, by the rule the migration `2026-12-10-06-action-owners` used: the one
 * organisation of that name (trimmed, in any case), else the one person of that name where no organisation has it,
 * else the words themselves ("other").
 */
export function ownerNamed(name: string, records: OwnerRecords): OwnerChoice {
  const key = name.trim().toLowerCase();
  const organisations = records.organisations.filter((organisation) => organisation.name.trim().toLowerCase() === key);
  const people = records.people.filter((person) => person.name.trim().toLowerCase() === key);
  const [organisation] = organisations;
  if (organisation && organisations.length === 1) return { kind: 'organisation', organisationId: organisation.id };
  const [person] = people;
  if (person && organisations.length === 0 && people.length === 1) return { kind: 'person', personId: person.id };
  return { kind: 'other', name };
}
