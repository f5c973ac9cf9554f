/** Who is making a change: recorded in the audit log. Null user for system jobs such as the demo seed. */
export interface Actor {
  userId: string | null;
}

export const systemActor: Actor = { userId: null };

/**
 * Who is looking, as the rules about the partnership's people need it: whether they are an officer of the
 * partnership (or an administrator), and the e-mail address that links their account to its people.
 */
export interface Viewer {
  officer: boolean;
  email: string | null;
}

/** The system itself (reminders, seeds, the funding rules): it reads everything, as an officer does. */
export const systemViewer: Viewer = { officer: true, email: null };

/**
 * Whose Part II (confidential) business a reader may see: every group's (officers and administrators),
 * or only that of the groups listed (those they are a member of now; none for anyone else).
 */
export type PartTwoReadership = { everyGroup: true } | { everyGroup: false; groupIds: readonly string[] };

export const noPartTwo: PartTwoReadership = { everyGroup: false, groupIds: [] };

/** Whether a reader may see an item of a group's meeting: any public item, and a Part II one only as the rule above says. */
export function maySee(readership: PartTwoReadership, item: { confidential: boolean | number; groupId: string }): boolean {
  return !item.confidential || readership.everyGroup || readership.groupIds.includes(item.groupId);
}
