/**
 * The one place that decides who may do what. Every route names its access level in
 * `config.access`; a route without one cannot be registered.
 */
import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../core/actor.ts';
import type { Principal } from '../modules/accounts/index.ts';

export type Access =
  | 'public'
  | 'signedIn'
  | 'partnership:view'
  | 'partnership:member'
  | 'partnership:manage'
  | 'partnership:analyse'
  | 'partnership:chair'
  | 'area:oversee'
  | 'admin';

export interface PartnershipScope {
  id: string;
  areaId: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/**
 * Whether the principal may reach a route of this access level. The scope is the partnership the route is
 * about, or for a route about a whole area (`:areaId`) that area alone.
 */
export function isAllowed(
  principal: Principal | null,
  access: Access,
  partnership: PartnershipScope | null,
  area: { id: string } | null = null,
): boolean {
  if (access === 'public') return true;
  if (!principal) return false;
  if (principal.isAdmin) return true;
  const roles = partnership ? principal.partnershipRoles.get(partnership.id) : undefined;
  switch (access) {
    case 'signedIn':
      return true;
    case 'admin':
      return false;
    case 'partnership:view':
      return partnership !== null && ((roles?.size ?? 0) > 0 || principal.overseerAreaIds.has(partnership.areaId));
    // A role in the partnership itself: overseers read, but take no part in its work.
    case 'partnership:member':
      return (roles?.size ?? 0) > 0;
    case 'partnership:manage':
      return roles?.has('officer') ?? false;
    // Indicators, figures and the performance report are the analyst's, and the officers' ("Performance and Research Officer").
    case 'partnership:analyse':
      return (roles?.has('analyst') ?? false) || (roles?.has('officer') ?? false);
    // Signing minutes is the chair's: "The Chair will sign documentation … on behalf of the Board".
    case 'partnership:chair':
      return roles?.has('chair') ?? false;
    // The funder's part (the PCC's staff): an overseer of the area, whether the route names the area or one of its partnerships.
    case 'area:oversee': {
      const areaId = partnership?.areaId ?? area?.id;
      return areaId !== undefined && principal.overseerAreaIds.has(areaId);
    }
  }
}

/** Whether the principal may see a partnership at all: used to fill the partnership switcher. */
export function canViewPartnership(principal: Principal, partnership: PartnershipScope): boolean {
  return isAllowed(principal, 'partnership:view', partnership);
}

/** The signed-in person as the services' rules about people see them. */
export function viewerOf(request: FastifyRequest): Viewer {
  return {
    officer: isAllowed(request.principal, 'partnership:manage', request.partnership),
    email: request.principal?.email ?? null,
  };
}
