/**
 * The group the tasking page opens on: the one whose tasking is the latest (a document issued or an action
 * recorded), else one named as a tasking group, else the first. A partnership's board is listed first by name,
 * but it is not where tasking happens.
 */
export function taskingGroupOf<Group extends { id: string; name: string }>(
  groups: readonly Group[],
  tasked: readonly { groupId: string; month: string }[],
): Group | undefined {
  const latest = [...tasked].sort((a, b) => b.month.localeCompare(a.month)).find((used) => groups.some((g) => g.id === used.groupId));
  return groups.find((group) => group.id === latest?.groupId) ?? groups.find((group) => /\btasking\b/i.test(group.name)) ?? groups[0];
}
