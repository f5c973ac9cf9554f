/**
 * The pages that set two-step sign-in up: the QR code and the secret as text, a current code to confirm, then the
 * recovery codes, shown once. The same pages serve a signed-in account (/account/two-step) and one kept, half
 * signed in, to setting up before it may sign in (/sign-in/two-step/set-up); they differ only in whose account
 * it is and where finishing goes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { Access } from '../../platform/policy.ts';
import { attempt, errorsFor, type FormErrors, readForm, type TypedValues } from '../../web/forms.ts';
import type { PageRenderer } from '../../web/render.ts';
import { formBody } from '../../web/schemas.ts';
import { twoStepSetUpFields } from './accounts.forms.ts';
import { twoStepCodeSchema } from './accounts.inputs.ts';
import type { AccountsService } from './accounts.service.ts';

declare module 'fastify' {
  interface Session {
    /** The recovery codes just made, kept only until the person has seen them and gone on. */
    recoveryCodes?: string[];
  }
}

export interface TwoStepSetUpPages {
  /** Where the set-up page is; its recovery codes page is under it. */
  path: string;
  access: Access;
  /** Whose account is being set up, or null when no one's is (a half sign-in that ran out, say). */
  userOf(request: FastifyRequest): string | null;
  /** Where to go when there is no one's (a half sign-in that ran out) or nothing to set up: back to signing in, say. */
  lost(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | FastifyReply;
  /** Once the recovery codes are seen: sign in, or back to the account's page. */
  finish(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<FastifyReply>;
  /** Whether the page says the account must set it up before signing in. */
  mustBeforeSignIn: boolean;
  /** Where Cancel goes, if anywhere. */
  cancel: string | null;
}

export function registerTwoStepSetUp(
  instance: FastifyInstance,
  pages: PageRenderer,
  accounts: AccountsService,
  setUp: TwoStepSetUpPages,
): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const codesPath = `${setUp.path}/recovery-codes`;
  const config = { config: { access: setUp.access } };

  async function render(request: FastifyRequest, reply: FastifyReply, userId: string, values: TypedValues, errors: FormErrors | null) {
    const secret = await accounts.twoStep.setUp(userId);
    // Set up already (in another tab, say): nothing to set up, and no way round the code.
    if (!secret) return setUp.lost(request, reply);
    const qrCode = await QRCode.toDataURL(secret.address, { margin: 2, width: 232, errorCorrectionLevel: 'M' });
    if (errors) reply.code(400);
    return pages.render(request, reply, 'accounts/views/two-step-set-up.njk', {
      title: 'Set up two-step sign-in',
      action: setUp.path,
      mustBeforeSignIn: setUp.mustBeforeSignIn,
      cancel: setUp.cancel,
      qrCode,
      groupedSecret: secret.grouped,
      fields: twoStepSetUpFields,
      values,
      errors,
    });
  }

  app.get(setUp.path, config, async (request, reply) => {
    const userId = setUp.userOf(request);
    return userId ? render(request, reply, userId, {}, null) : setUp.lost(request, reply);
  });

  app.post(setUp.path, { ...config, schema: { body: formBody } }, async (request, reply) => {
    const userId = setUp.userOf(request);
    if (!userId) return setUp.lost(request, reply);
    const form = readForm(twoStepCodeSchema, twoStepSetUpFields, request.body);
    if (!form.ok) return render(request, reply, userId, form.typed, form.errors);
    const confirmed = await attempt(() => accounts.twoStep.confirm({ userId }, userId, form.value.code));
    if (!confirmed.ok) return render(request, reply, userId, { code: '' }, errorsFor(twoStepSetUpFields, confirmed.byField));
    request.session.recoveryCodes = confirmed.value;
    return reply.redirect(codesPath);
  });

  app.get(codesPath, config, async (request, reply) => {
    const userId = setUp.userOf(request);
    const codes = request.session.recoveryCodes;
    if (!userId) return setUp.lost(request, reply);
    if (!codes) return reply.redirect(setUp.path);
    return pages.render(request, reply, 'accounts/views/two-step-recovery-codes.njk', {
      title: 'Save your recovery codes',
      codes,
      action: codesPath,
      download: `${codesPath}.txt`,
      mustBeforeSignIn: setUp.mustBeforeSignIn,
    });
  });

  // A file to keep or print, for the codes cannot be shown again.
  app.get(`${codesPath}.txt`, config, async (request, reply) => {
    const codes = request.session.recoveryCodes;
    if (!setUp.userOf(request)) return setUp.lost(request, reply);
    if (!codes) return reply.redirect(setUp.path);
    const text = ['Safer recovery codes. Each works once, instead of a code from your app.', '', ...codes, ''].join('\n');
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', 'attachment; filename="safer-recovery-codes.txt"')
      .header('cache-control', 'no-store')
      .send(text);
  });

  app.post(codesPath, config, async (request, reply) => {
    const userId = setUp.userOf(request);
    if (!userId) return setUp.lost(request, reply);
    request.session.recoveryCodes = undefined;
    if (!(await accounts.twoStep.status(userId)).enrolled) return reply.redirect(setUp.path);
    return setUp.finish(request, reply, userId);
  });
}
