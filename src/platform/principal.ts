/**
 * Who is asking: the account, its roles per partnership and the areas it oversees. Built once per request (and
 * once for the system's own jobs); routes hand it to services, which record it in the audit log and ask the
 * policy (policy.ts) what it may do with a record.
 */

/** Roles are given per partnership; an overseer's role is given for an area and reaches every partnership in it. */
export const partnershipRoles = ['officer', 'chair', 'member', 'analyst'] as const;
export type PartnershipRole = (typeof partnershipRoles)[number];
export type Role = PartnershipRole | 'overseer';
/** The roles an administrator gives. The chair role is never given: it follows the chair appointments. */
export type GrantedRole = Exclude<Role, 'chair'>;

export const roleNames: Record<Role, string> = {
  officer: 'Partnership officer',
  chair: 'Chair',
  member: 'Member',
  analyst: 'Analyst',
  overseer: 'Overseer',
};

export interface Principal {
  /** Null for the system itself (reminders, imports, the demo seed): recorded as such in the audit log. */
  userId: string | null;
  name: string;
  /** The account's address, for mail to it; people records name their account themselves (`people.user_id`). */
  email: string | null;
  isAdmin: boolean;
  partnershipRoles: ReadonlyMap<string, ReadonlySet<PartnershipRole>>;
  overseerAreaIds: ReadonlySet<string>;
}

/** Who is making a change, as the audit log records it: any principal will do. */
export type Actor = Pick<Principal, 'userId'>;

/** The system itself: it reads everything, as an administrator does, and is recorded as no one. */
export const systemPrincipal: Principal = {
  userId: null,
  name: 'Safer',
  email: null,
  isAdmin: true,
  partnershipRoles: new Map(),
  overseerAreaIds: new Set(),
};
