/** Who is making a change: recorded in the audit log. Null user for system jobs such as the demo seed. */
export interface Actor {
  userId: string | null;
}

export const systemActor: Actor = { userId: null };
