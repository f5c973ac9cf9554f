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

/** Who is signed in, and what they hold. Built once per request from the role grants. */
export interface Principal {
  userId: string;
  name: string;
  email: string;
  isAdmin: boolean;
  partnershipRoles: ReadonlyMap<string, ReadonlySet<PartnershipRole>>;
  overseerAreaIds: ReadonlySet<string>;
}
