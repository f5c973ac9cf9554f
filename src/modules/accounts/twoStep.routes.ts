/**
 * Two-step sign-in on the account (its state, setting up, turning off) and in administration (the requirement
 * per partnership, and resetting an account that lost its phone and its recovery codes).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderConfirmation } from '../../web/confirmation.ts';
import { attempt, errorsFor, type FormErrors, readForm, type TypedValues } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { single } from '../../web/query.ts';
import { formBody, partnershipParams } from '../../web/schemas.ts';
import { twoStepTurnOffFields } from './accounts.forms.ts';
import { twoStepTurnOffSchema } from './accounts.inputs.ts';
import type { AccountsService } from './accounts.service.ts';
import { registerTwoStepSetUp } from './twoStepSetUp.ts';

export interface TwoStepRouteDependencies {
  accounts: AccountsService;
  /** From governance: the partnerships whose accounts may be required to use two-step sign-in. */
  partnerships: () => Promise<{ id: string; name: string }[]>;
}

const accountPath = '/account/two-step';
const signedIn = { config: { access: 'signedIn' as const } };
const admin = { config: { access: 'admin' as const } };
const requirementQuery = z.object({ required: z.enum(['yes', 'no']).optional() });
const userParams = z.object({ id: z.string() });
const adminCrumbs = [{ text: 'Administration', href: '/admin' }];

export const twoStepRoutes: ModuleRoutes<TwoStepRouteDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps: { accounts, partnerships } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const userIdOf = (request: FastifyRequest) => principalOf(request).userId ?? '';

    app.get(accountPath, signedIn, async (request, reply) =>
      pages.render(request, reply, 'accounts/views/two-step.njk', {
        title: 'Two-step sign-in',
        twoStep: await accounts.twoStep.status(userIdOf(request)),
      }),
    );

    registerTwoStepSetUp(app, pages, accounts, {
      path: `${accountPath}/set-up`,
      access: 'signedIn',
      userOf: userIdOf,
      lost: (_request, reply) => reply.redirect(accountPath),
      async finish(request, reply) {
        request.session.flash = 'Two-step sign-in is set up. You will be asked for a code each time you sign in.';
        return reply.redirect(accountPath);
      },
      mustBeforeSignIn: false,
      cancel: accountPath,
    });

    const renderTurnOff = (request: FastifyRequest, reply: FastifyReply, values: TypedValues, errors: FormErrors | null) =>
      pages.render(request, reply.code(errors ? 400 : 200), 'accounts/views/two-step-turn-off.njk', {
        title: 'Turn off two-step sign-in',
        fields: twoStepTurnOffFields,
        values,
        errors,
        breadcrumbs: [{ text: 'Two-step sign-in', href: accountPath }],
      });

    app.get(`${accountPath}/turn-off`, signedIn, async (request, reply) => {
      const status = await accounts.twoStep.status(userIdOf(request));
      return status.enrolled && !status.required ? renderTurnOff(request, reply, {}, null) : reply.redirect(accountPath);
    });

    app.post(`${accountPath}/turn-off`, { ...signedIn, schema: { body: formBody } }, async (request, reply) => {
      const form = readForm(twoStepTurnOffSchema, twoStepTurnOffFields, request.body);
      if (!form.ok) return renderTurnOff(request, reply, { ...form.typed, password: '' }, form.errors);
      const { password, code } = form.value;
      const turnedOff = await attempt(() => accounts.twoStep.turnOff(principalOf(request), userIdOf(request), password, code, request.ip));
      if (!turnedOff.ok) return renderTurnOff(request, reply, {}, errorsFor(twoStepTurnOffFields, turnedOff.byField));
      request.session.flash = 'Two-step sign-in is turned off';
      return reply.redirect(accountPath);
    });

    app.get('/admin/two-step', admin, async (request, reply) => {
      const [all, required] = await Promise.all([partnerships(), accounts.twoStep.requirements()]);
      return pages.render(request, reply, 'accounts/views/admin-two-step.njk', {
        title: 'Two-step sign-in',
        partnerships: all.map((partnership) => ({ ...partnership, required: required.partnershipIds.has(partnership.id) })),
        breadcrumbs: adminCrumbs,
      });
    });

    // Asked first: requiring it stops every account of the partnership, its overseers and the administrators at their
    // next sign-in until they have set it up.
    app.get(
      '/admin/two-step/:partnershipId',
      { ...admin, schema: { params: partnershipParams, querystring: requirementQuery } },
      async (request, reply) => {
        const name = request.partnership?.name ?? 'the partnership';
        const required = request.query.required !== 'no';
        return renderConfirmation(pages, request, reply, {
          title: required ? `Require two-step sign-in for ${name}?` : `Stop requiring two-step sign-in for ${name}?`,
          happens: required
            ? [
                `Every account with a role in ${name}, every overseer of its area, and every administrator of Safer will have to enter a code from an authenticator app after their password.`,
                'Anyone who has not set it up will be asked to at their next sign-in, before they can go on.',
                'People who sign in with their organisation’s own sign-in provider are not asked for a Safer code.',
              ]
            : [`Accounts with a role in ${name} will sign in with their password alone, unless they keep two-step sign-in on.`],
          hidden: { required: required ? 'yes' : 'no' },
          action: `/admin/two-step/${request.params.partnershipId}`,
          button: required ? 'Require two-step sign-in' : 'Stop requiring it',
          warning: !required,
          cancel: '/admin/two-step',
          breadcrumbs: [...adminCrumbs, { text: 'Two-step sign-in', href: '/admin/two-step' }],
        });
      },
    );

    app.post(
      '/admin/two-step/:partnershipId',
      { ...admin, schema: { params: partnershipParams, body: formBody } },
      async (request, reply) => {
        const required = single(request.body.required) === 'yes';
        await accounts.twoStep.setRequired(principalOf(request), request.params.partnershipId, required);
        const name = request.partnership?.name ?? 'the partnership';
        request.session.flash = required
          ? `Accounts with a role in ${name} must now use two-step sign-in`
          : `Accounts with a role in ${name} no longer have to use two-step sign-in`;
        return reply.redirect('/admin/two-step');
      },
    );

    const resetPath = (id: string) => `/admin/users/${id}/two-step/reset`;

    app.get('/admin/users/:id/two-step/reset', { ...admin, schema: { params: userParams } }, async (request, reply) => {
      const { user } = await accounts.getUser(request.params.id);
      return renderConfirmation(pages, request, reply, {
        title: `Reset two-step sign-in for ${user.name}?`,
        happens: [
          'Their authenticator app and recovery codes will stop working.',
          'If two-step sign-in is required of them, they will set it up again after their password the next time they sign in.',
        ],
        action: resetPath(user.id),
        button: 'Reset two-step sign-in',
        warning: true,
        cancel: `/admin/users/${user.id}`,
        breadcrumbs: [...adminCrumbs, { text: 'Accounts', href: '/admin/users' }, { text: user.name, href: `/admin/users/${user.id}` }],
      });
    });

    app.post('/admin/users/:id/two-step/reset', { ...admin, schema: { params: userParams } }, async (request, reply) => {
      await accounts.twoStep.reset(principalOf(request), request.params.id);
      request.session.flash = 'Two-step sign-in reset';
      return reply.redirect(`/admin/users/${request.params.id}`);
    });
    done();
  },
};
