/**
 * The accessibility statement, privacy notice and cookies page (public, linked from every page's footer), and an
 * administrator's export of everything held about a person (docs/decisions/0039-privacy-and-subject-access.md).
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendFile } from '../../web/csv.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { recordParams } from '../../web/schemas.ts';
import { sessionMaxAgeMs } from '../../web/sessionStore.ts';
import type { SubjectAccessFile, SubjectAccessService } from './subjectAccess.service.ts';

export interface PrivacyRouteDependencies {
  subjectAccess: SubjectAccessService;
  /** Whom a person asks about their data (PRIVACY_CONTACT). */
  privacyContact: string;
  /** How long a forgotten password's link works, and how long finished e-mail jobs are kept. */
  resetLinkMinutes: number;
  finishedJobsKeptDays: number;
}

const open = { config: { access: 'public' as const } };
const admin = { config: { access: 'admin' as const } };
const userParams = z.object({ id: z.string() });

const pagesByPath = {
  '/accessibility': { view: 'accessibility.njk', title: 'Accessibility statement for Safer' },
  '/privacy': { view: 'privacy.njk', title: 'Privacy notice' },
  '/cookies': { view: 'cookies.njk', title: 'Cookies' },
};

export const privacyRoutes: ModuleRoutes<PrivacyRouteDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const facts = {
      privacyContact: deps.privacyContact,
      sessionHours: sessionMaxAgeMs / 3_600_000,
      resetLinkMinutes: deps.resetLinkMinutes,
      finishedJobsKeptDays: deps.finishedJobsKeptDays,
    };

    for (const [path, { view, title }] of Object.entries(pagesByPath)) {
      app.get(path, open, (request, reply) => pages.render(request, reply, `privacy/views/${view}`, { title, ...facts }));
    }

    const download = (file: SubjectAccessFile) => JSON.stringify(file.content, null, 2);

    app.get('/admin/users/:id/everything-held.json', { ...admin, schema: { params: userParams } }, async (request, reply) => {
      const file = await deps.subjectAccess.aboutAccount(principalOf(request), request.params.id);
      return sendFile(reply, file.fileName, 'application/json; charset=utf-8', download(file));
    });

    app.get(
      '/partnerships/:partnershipId/people/:id/everything-held.json',
      { ...admin, schema: { params: recordParams } },
      async (request, reply) => {
        const { partnershipId, id } = request.params;
        const file = await deps.subjectAccess.aboutPerson(principalOf(request), partnershipId, id);
        return sendFile(reply, file.fileName, 'application/json; charset=utf-8', download(file));
      },
    );
    done();
  },
};
