/**
 * Signing in past the password: the session begun, or first the two-step code asked for, or first two-step
 * sign-in set up by an account that must use it. Half signed in (the password right, the rest to come) lives in
 * a new session, for a few minutes, and is no principal: until the session begins no other page opens.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../../platform/clock.ts';
import { plural } from '../../platform/numbers.ts';
import { errorsFor, type FormErrors, readForm, type TypedValues } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { formBody } from '../../web/schemas.ts';
import { twoStepCodeFields } from './accounts.forms.ts';
import { twoStepCodeSchema } from './accounts.inputs.ts';
import type { AccountsService, SignInResult } from './accounts.service.ts';
import { beginSession } from './signedIn.ts';
import { registerTwoStepSetUp } from './twoStepSetUp.ts';

type PendingStep = 'code' | 'set-up';

declare module 'fastify' {
  interface Session {
    /** The password was right and a step is still to come: whose, which, until when, and where they were going. */
    twoStepPending?: { userId: string; step: PendingStep; until: string; returnTo: string };
  }
}

export interface TwoStepSignInDependencies {
  accounts: AccountsService;
  clock: Clock;
}

/** A code is typed in moments; setting up may mean installing an authenticator app first. */
const pendingMinutes: Record<PendingStep, number> = { code: 5, 'set-up': 15 };
const codePath = '/sign-in/two-step';
const setUpPath = '/sign-in/two-step/set-up';

/** What follows the right password: the session, or first the code, or first setting two-step sign-in up. */
export async function continueSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  { accounts, clock }: TwoStepSignInDependencies,
  result: Extract<SignInResult, { userId: string }>,
  returnTo: string,
) {
  const step: PendingStep | null = result.outcome === 'two-step-code' ? 'code' : result.mustSetUpTwoStep ? 'set-up' : null;
  if (!step) return beginSession(request, reply, { accounts }, result.userId, returnTo);
  await request.session.regenerate();
  const until = new Date(clock.now().getTime() + pendingMinutes[step] * 60_000).toISOString();
  request.session.twoStepPending = { userId: result.userId, step, until, returnTo };
  return reply.redirect(step === 'code' ? codePath : setUpPath);
}

const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

export const twoStepSignInRoutes: ModuleRoutes<TwoStepSignInDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const { accounts, clock } = deps;

    /** The account half signed in for this step, unless that has run out (then it is forgotten). */
    const pendingFor = (request: FastifyRequest, step: PendingStep) => {
      const pending = request.session.twoStepPending;
      if (pending?.step === step && Date.parse(pending.until) > clock.now().getTime()) return pending;
      if (pending) request.session.twoStepPending = undefined;
      return null;
    };

    /** No sign-in under way here (it ran out, or was never begun): a page that says so, for the back button lands here too. */
    const startAgain = (request: FastifyRequest, reply: FastifyReply) =>
      request.principal
        ? reply.redirect('/')
        : pages.render(request, reply, 'accounts/views/sign-in-again.njk', { title: 'Sign in again' });

    const render = (request: FastifyRequest, reply: FastifyReply, values: TypedValues, errors: FormErrors | null) =>
      pages.render(request, reply, 'accounts/views/sign-in-two-step.njk', {
        title: 'Enter your code',
        fields: twoStepCodeFields,
        values,
        errors,
      });

    app.get(codePath, { config: { access: 'public' } }, async (request, reply) =>
      pendingFor(request, 'code') ? render(request, reply, {}, null) : startAgain(request, reply),
    );

    app.post(codePath, { config: { access: 'public' }, schema: { body: formBody } }, async (request, reply) => {
      const pending = pendingFor(request, 'code');
      if (!pending) return startAgain(request, reply);
      const form = readForm(twoStepCodeSchema, twoStepCodeFields, request.body);
      if (!form.ok) return render(request, reply.code(400), form.typed, form.errors);
      const result = await accounts.twoStep.check(pending.userId, form.value.code, request.ip);
      if (result.outcome === 'passed') return beginSession(request, reply, { accounts }, pending.userId, pending.returnTo);
      const now = clock.now();
      if (result.outcome === 'throttled') reply.code(429).header('retry-after', String(secondsUntil(result.tryAgainAt, now)));
      else reply.code(400);
      const message =
        result.outcome === 'throttled'
          ? `Too many wrong codes. Wait ${plural(secondsUntil(result.tryAgainAt, now), 'second', 'seconds')}, then try again.`
          : 'Enter the code your authenticator app shows now, or a recovery code you have not used before';
      return render(request, reply, { code: '' }, errorsFor(twoStepCodeFields, { code: message }));
    });

    registerTwoStepSetUp(app, pages, accounts, {
      path: setUpPath,
      access: 'public',
      userOf: (request) => pendingFor(request, 'set-up')?.userId ?? null,
      lost: startAgain,
      async finish(request, reply, userId) {
        const returnTo = request.session.twoStepPending?.returnTo ?? '/';
        return beginSession(request, reply, { accounts }, userId, returnTo);
      },
      mustBeforeSignIn: true,
      cancel: null,
    });
    done();
  },
};
