import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DataSubject, PersonalData } from '../../platform/personalData.ts';

/** The actions a person owns, and apart from them those their organisation owns. */
export async function actionsDataAbout(db: Kysely<Database>, { personIds, organisationIds }: DataSubject): Promise<PersonalData> {
  const owned = (column: 'ownerPersonId' | 'ownerOrganisationId', ids: readonly string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('actions').selectAll().where(column, 'in', ids).orderBy('createdAt').orderBy('id').execute();
  const [actionsOwned, actionsOfTheirOrganisation] = await Promise.all([
    owned('ownerPersonId', personIds),
    owned('ownerOrganisationId', organisationIds),
  ]);
  return { actionsOwned, actionsOfTheirOrganisation };
}
