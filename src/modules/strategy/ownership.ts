/** Who answers for a priority: its sub-group, or for a cross-cutting priority the partnership's board. */

interface Group {
  id: string;
  name: string;
  parentId: string | null;
  archivedAt: string | null;
}

/**
 * The board: the top group, which owns cross-cutting priorities collectively and keeps their actions.
 * Of the groups in use that report to nobody, those that others report to come first (a partnership may
 * keep an earlier top group, such as Coventry's partnership of 2007, beside its board); then by name.
 */
export function boardOf<G extends Group>(groups: readonly G[]): G | null {
  const inUse = groups.filter((group) => group.archivedAt === null);
  const hasSubGroups = (group: G) => inUse.some((other) => other.parentId === group.id);
  const top = inUse
    .filter((group) => group.parentId === null)
    .sort((a, b) => Number(hasSubGroups(b)) - Number(hasSubGroups(a)) || a.name.localeCompare(b.name, 'en-GB'));
  return top[0] ?? null;
}

/** The group whose action log a priority's actions go into. */
export function actionOwnerOf<G extends Group>(priority: { ownerGroupId: string | null }, groups: readonly G[]): G | null {
  if (priority.ownerGroupId === null) return boardOf(groups);
  return groups.find((group) => group.id === priority.ownerGroupId) ?? null;
}
