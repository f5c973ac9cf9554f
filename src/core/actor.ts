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
