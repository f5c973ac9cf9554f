/**
 * A member's own entries in the register of interests, under /partnerships/:partnershipId/my-interests: the
 * register is the partnership's, so its member's part sits with it rather than under /account (see
 * docs/decisions/0041-my-work.md).
 */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formatDate } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { nameOf } from '../../platform/inputs.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { registerFormPage } from '../../web/formPage.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { versionOf } from '../../web/query.ts';
import { type Crumb, partnershipCrumbs } from '../../web/recordPages.ts';
import { formBody, partnershipParams, recordParams } from '../../web/schemas.ts';
import { interestEndFields, myInterestFields } from './governance.forms.ts';
import { interestEndSchema, myInterestSchema } from './governance.inputs.ts';
import { interestCategoryNames } from './governance.names.ts';
import type { GovernanceService } from './governance.service.ts';

export interface MyInterestsRouteDependencies {
  governance: Pick<
    GovernanceService,
    'myInterests' | 'myInterest' | 'declareInterest' | 'changeInterest' | 'endInterest' | 'confirmInterest'
  >;
}

const member = 'partnership:member' as const;
const listHref = (partnershipId: string) => `/partnerships/${partnershipId}/my-interests`;
const crumbs = (request: FastifyRequest): Crumb[] => [
  ...partnershipCrumbs(request),
  { text: 'Your interests', href: listHref(String((request.params as { partnershipId: string }).partnershipId)) },
];

export const myInterestsRoutes: ModuleRoutes<MyInterestsRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/my-interests',
  plugin(instance, { pages, deps: { governance } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get('', { config: { access: member }, schema: { params: partnershipParams } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const { self, interests } = await governance.myInterests(principalOf(request).userId, partnershipId);
      return pages.render(request, reply, 'governance/views/my-interests.njk', {
        title: 'Your interests',
        self,
        base: listHref(partnershipId),
        interests: interests.map((interest) => ({
          ...interest,
          kind: nameOf(interestCategoryNames, interest.category),
          declared: formatDate(interest.declaredOn),
          reviewed: interest.reviewedOn ? formatDate(interest.reviewedOn) : 'Not yet reviewed',
          ended: interest.endedOn ? formatDate(interest.endedOn) : null,
        })),
        breadcrumbs: partnershipCrumbs(request),
      });
    });

    registerFormPage(app, pages, {
      path: '/new',
      action: '',
      access: member,
      params: partnershipParams,
      fields: myInterestFields,
      schema: myInterestSchema,
      // Only someone of the partnership has a place in its register: anyone else is sent nowhere.
      async load(request) {
        const { self } = await governance.myInterests(principalOf(request).userId, request.params.partnershipId);
        if (!self) throw new NotFoundError('Person');
        return self;
      },
      title: () => 'Declare an interest',
      intro: () => 'It goes on the partnership’s register of interests, declared today. The partnership officer sees that you made it.',
      submitText: 'Declare interest',
      crumbs,
      back: (request) => listHref(request.params.partnershipId),
      initialValues: () => ({}),
      async save(request, value) {
        const { partnershipId } = request.params;
        await governance.declareInterest(principalOf(request), partnershipId, value);
        return { redirect: listHref(partnershipId), flash: 'Interest declared' };
      },
    });

    const loadOwn = (request: FastifyRequest & { params: { partnershipId: string; id: string } }) =>
      governance.myInterest(principalOf(request).userId, request.params.partnershipId, request.params.id);

    registerFormPage(app, pages, {
      path: '/:id/change',
      action: '/:id/change',
      access: member,
      params: recordParams,
      fields: myInterestFields,
      schema: myInterestSchema,
      load: loadOwn,
      title: () => 'Change your interest',
      submitText: 'Save changes',
      crumbs,
      back: (request) => listHref(request.params.partnershipId),
      initialValues: (_request, interest) => ({ category: interest.category, description: interest.description }),
      version: (interest) => interest.version,
      async save(request, value, version) {
        const { partnershipId, id } = request.params;
        await governance.changeInterest(principalOf(request), partnershipId, id, version, value);
        return { redirect: listHref(partnershipId), flash: 'Interest changed' };
      },
    });

    registerFormPage(app, pages, {
      path: '/:id/end',
      action: '/:id/end',
      access: member,
      params: recordParams,
      fields: interestEndFields,
      schema: interestEndSchema,
      load: loadOwn,
      title: (interest) => `End your interest: ${interest.description}`,
      intro: () => 'The register keeps the interest, with the date it ended.',
      submitText: 'End interest',
      crumbs,
      back: (request) => listHref(request.params.partnershipId),
      initialValues: () => ({}),
      version: (interest) => interest.version,
      async save(request, value, version) {
        const { partnershipId, id } = request.params;
        await governance.endInterest(principalOf(request), partnershipId, id, version, value.endedOn);
        return { redirect: listHref(partnershipId), flash: 'Interest ended' };
      },
    });

    // "Still correct": one button, so a member can review each entry without retyping it.
    app.post('/:id/reviewed', { config: { access: member }, schema: { params: recordParams, body: formBody } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const by = principalOf(request);
      const interest = await governance.myInterest(by.userId, partnershipId, id);
      await reportOnNextPage(request, async () => {
        await governance.confirmInterest(by, partnershipId, id, versionOf(request.body));
        return `You said “${interest.description}” is still correct`;
      });
      return reply.redirect(listHref(partnershipId));
    });
    done();
  },
};
