/**
 * What a person does with their own account: its page (roles, sign-in history), changing the password, and choosing a
 * new one from an e-mailed link when it is forgotten.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import { NotPermittedError } from '../../platform/errors.ts';
import { roleNames } from '../../platform/principal.ts';
import { attempt, errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { formBody } from '../../web/schemas.ts';
import { changePasswordFields, chooseNewPasswordFields, passwordResetRequestFields } from './accounts.forms.ts';
import { changePasswordSchema, passwordResetRequestSchema, passwordSchema } from './accounts.inputs.ts';
import { type AccountsService, signInHistoryLength } from './accounts.service.ts';
import { passwordProblem } from './passwordRule.ts';
import { failedSignIns, secondsUntil, throttledMessage } from './throttledMessage.ts';

/** A person record an account is, in one partnership. */
export interface PersonOfAccountView {
  partnershipId: string;
  partnershipName: string;
  personId: string;
  name: string;
  organisationName: string | null;
}

export interface OwnAccountRouteDependencies {
  accounts: AccountsService;
  /** From governance: the people records the account is. */
  peopleOfAccount: (userId: string) => Promise<PersonOfAccountView[]>;
  /** To say when a throttled attempt may be made again. */
  clock: Clock;
}

const signedIn = { config: { access: 'signedIn' as const } };
const open = { config: { access: 'public' as const } };
const tokenParams = z.object({ token: z.string() });
const accountCrumbs = [{ text: 'Your account', href: '/account' }];

const tooManyLinks = {
  account: 'Too many links have been asked for this email address',
  address: 'Too many links have been asked for from your network',
};

/** A form page of this module's: the form, its words, and where it posts. */
interface OwnForm {
  title: string;
  intro?: string;
  fields: Field[];
  action: string;
  submitText: string;
  cancel: string;
  breadcrumbs?: { text: string; href: string }[];
}

/** The account signed in: a principal loaded from a session always has one. */
function accountOf(request: FastifyRequest): string {
  const { userId } = principalOf(request);
  if (!userId) throw new NotPermittedError('Sign in to do this');
  return userId;
}

export const ownAccountRoutes: ModuleRoutes<OwnAccountRouteDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps: { accounts, peopleOfAccount, clock } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    const renderForm = (request: FastifyRequest, reply: FastifyReply, form: OwnForm, values: TypedValues, errors: FormErrors | null) => {
      if (errors && reply.statusCode < 400) reply.code(400);
      // A password is never sent back.
      const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));
      return pages.render(request, reply, 'records/form.njk', { ...form, values: kept, errors, options: {} });
    };

    app.get('/account', signedIn, async (request, reply) => {
      const userId = accountOf(request);
      const [{ user, grants, appointments }, people, history, twoStep] = await Promise.all([
        accounts.getUser(userId),
        peopleOfAccount(userId),
        accounts.signInHistory(userId),
        accounts.twoStep.status(userId),
      ]);
      // A member by their seat on a group holds the role without its being given: say so, where it was not also given.
      const seated = people.filter(
        (person) =>
          request.principal?.partnershipRoles.get(person.partnershipId)?.has('member') &&
          !grants.some((grant) => grant.role === 'member' && grant.partnershipId === person.partnershipId),
      );
      return pages.render(request, reply, 'accounts/views/account.njk', {
        title: 'Your account',
        user,
        grants,
        seated,
        appointments,
        people,
        history,
        twoStep,
        historyLength: signInHistoryLength,
        roleNames,
      });
    });

    const changeForm: OwnForm = {
      title: 'Change your password',
      intro: 'You will stay signed in here. Anywhere else you are signed in, you will be signed out.',
      fields: changePasswordFields,
      action: '/account/password',
      submitText: 'Change password',
      cancel: '/account',
      breadcrumbs: accountCrumbs,
    };

    app.get('/account/password', signedIn, async (request, reply) => renderForm(request, reply, changeForm, {}, null));

    app.post('/account/password', { ...signedIn, schema: { body: formBody } }, async (request, reply) => {
      const form = readForm(changePasswordSchema, changePasswordFields, request.body);
      // The rule refusing the new password does not stop the current one being checked: the form answers both at
      // once. The service refuses that new password too, so nothing can change on this path.
      const sent = form.ok
        ? form.value
        : { currentPassword: (form.typed.currentPassword ?? '').trim(), password: (form.typed.password ?? '').trim() };
      const onlyNewRefused =
        !form.ok &&
        Object.keys(form.errors.byField).join() === 'password' &&
        sent.currentPassword !== '' &&
        passwordProblem(sent.password) !== null;
      if (!form.ok && !onlyNewRefused) return renderForm(request, reply, changeForm, form.typed, form.errors);
      const userId = accountOf(request);
      const changed = await attempt(() => accounts.passwords.change(userId, sent.currentPassword, sent.password, request.ip));
      const refuse = (byField: Record<string, string>) =>
        renderForm(request, reply, changeForm, {}, errorsFor(changePasswordFields, byField));
      if (!changed.ok) return refuse(changed.byField);
      const result = changed.value;
      if (result.outcome === 'throttled') {
        const now = clock.now();
        reply.code(429).header('retry-after', String(secondsUntil(result.tryAgainAt, now)));
        return refuse({ currentPassword: throttledMessage(result, now, failedSignIns) });
      }
      if (result.outcome === 'wrong-password') {
        const wrong = { currentPassword: 'Your current password is not right: enter the password you sign in with' };
        // The form's own words for the new password where it found the problem, else the service's (the e-mail's name).
        const newProblem = form.ok ? result.newPasswordProblem : form.errors.byField.password;
        return refuse(newProblem ? { ...wrong, password: newProblem } : wrong);
      }
      // Every session of the account has ended: this one starts again under a new id, ending when it would have (a
      // change of password proves no more than the password, so it never lengthens a session).
      const { endsAt } = request.session;
      await request.session.regenerate();
      request.session.userId = userId;
      request.session.endsAt = endsAt;
      request.session.flash = 'Your password has been changed. Anywhere else you were signed in, you have been signed out.';
      return reply.redirect('/account');
    });

    const requestForm: OwnForm = {
      title: 'Forgotten your password?',
      intro: 'Enter the email address you sign in with. We will send you a link to choose a new password.',
      fields: passwordResetRequestFields,
      action: '/forgotten-password',
      submitText: 'Send the link',
      cancel: '/sign-in',
    };

    app.get('/forgotten-password', open, async (request, reply) => renderForm(request, reply, requestForm, {}, null));

    app.post('/forgotten-password', { ...open, schema: { body: formBody } }, async (request, reply) => {
      const form = readForm(passwordResetRequestSchema, passwordResetRequestFields, request.body);
      if (!form.ok) return renderForm(request, reply, requestForm, form.typed, form.errors);
      const refusal = await accounts.passwords.requestReset(form.value.email, request.ip);
      if (refusal) {
        const now = clock.now();
        reply.code(429).header('retry-after', String(secondsUntil(refusal.tryAgainAt, now)));
        const message = throttledMessage(refusal, now, tooManyLinks);
        return renderForm(
          request,
          reply,
          requestForm,
          typedValues(passwordResetRequestFields, request.body),
          errorsFor(passwordResetRequestFields, { email: message }),
        );
      }
      return reply.redirect('/forgotten-password/sent');
    });

    app.get('/forgotten-password/sent', open, async (request, reply) =>
      pages.render(request, reply, 'accounts/views/reset-link-sent.njk', { title: 'Check your email' }),
    );

    const chooseForm = (token: string): OwnForm => ({
      title: 'Choose a new password',
      intro: 'Once you have chosen it, you will be signed out everywhere and asked to sign in with it.',
      fields: chooseNewPasswordFields,
      action: `/reset-password/${encodeURIComponent(token)}`,
      submitText: 'Save new password',
      cancel: '/sign-in',
    });

    const linkNotWorking = (request: FastifyRequest, reply: FastifyReply) =>
      pages.render(request, reply, 'accounts/views/reset-link-not-working.njk', { title: 'This link no longer works' });

    // Opening the link spends nothing (mail scanners open links too): only saving a new password does.
    app.get('/reset-password/:token', { ...open, schema: { params: tokenParams } }, async (request, reply) => {
      const { token } = request.params;
      if (!(await accounts.passwords.resetLinkWorks(token))) return linkNotWorking(request, reply);
      return renderForm(request, reply, chooseForm(token), {}, null);
    });

    app.post('/reset-password/:token', { ...open, schema: { params: tokenParams, body: formBody } }, async (request, reply) => {
      const { token } = request.params;
      const form = readForm(passwordSchema, chooseNewPasswordFields, request.body);
      if (!form.ok) {
        if (!(await accounts.passwords.resetLinkWorks(token))) return linkNotWorking(request, reply);
        return renderForm(request, reply, chooseForm(token), {}, form.errors);
      }
      const reset = await attempt(() => accounts.passwords.reset(token, form.value.password));
      if (!reset.ok) return renderForm(request, reply, chooseForm(token), {}, errorsFor(chooseNewPasswordFields, reset.byField));
      if (!reset.value) return linkNotWorking(request, reply);
      // Whoever was signed in on this browser is signed out with the rest; the message travels in a fresh session.
      await request.session.regenerate();
      request.session.flash = 'Your password has been changed. Sign in with your new password.';
      return reply.redirect('/sign-in');
    });
    done();
  },
};
