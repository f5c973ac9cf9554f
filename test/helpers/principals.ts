/** Principals for service tests: who is asking, without signing in through the app. */
import { randomUUID } from 'node:crypto';
import type { PartnershipRole, Principal } from '../../src/platform/principal.ts';

/** An account with these roles per partnership (none by default), linked to people by this e-mail address. */
export function signedIn({ email = null, roles = {} }: { email?: string | null; roles?: Record<string, PartnershipRole[]> }): Principal {
  return {
    userId: randomUUID(),
    name: email ?? 'Someone',
    email,
    isAdmin: false,
    partnershipRoles: new Map(Object.entries(roles).map(([partnershipId, held]) => [partnershipId, new Set(held)])),
    overseerAreaIds: new Set(),
  };
}
