/**
 * A person's e-mail notices: their own page of choices (/account/notices), and the unsubscribe link of every
 * e-mail (/unsubscribe/<token>), which needs no sign-in. A GET of that link changes nothing (mail scanners follow
 * links); its one button, or a mail program's one-click POST (RFC 8058), stops the e-mails.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { formBody } from '../../web/schemas.ts';
import type { FormErrors } from '../../web/forms.ts';
import { groupNoticeKinds, noticeKindNames } from './noticeAudience.ts';
import { choiceValue, type NoticePerson, type NoticeSettingsService, type PersonNotices } from './noticeSettings.service.ts';

export interface NoticeRouteDependencies {
  settings: NoticeSettingsService;
  /** The people records an account is, one per partnership. */
  peopleOfAccount: (userId: string) => Promise<NoticePerson[]>;
}

const tokenParams = z.object({ token: z.string() });
const digestChoice = z.enum(['each', 'weekly']);

/** The checkboxes of each people record: a fieldset per group, and one for the person's own actions. */
function fieldsetsOf(person: PersonNotices, ticked: (value: string) => boolean) {
  const item = (value: string, text: string) => ({ value, text, checked: ticked(value) });
  return [
    ...person.groups.map((group) => ({
      legend: group.groupName,
      idPrefix: `notices-${person.personId}-${group.groupId}`,
      items: [
        item(choiceValue(person.personId, 'publication', group.groupId), noticeKindNames.publication),
        item(choiceValue(person.personId, 'minutes', group.groupId), noticeKindNames.minutes),
      ],
    })),
    {
      legend: 'Your actions',
      idPrefix: `notices-${person.personId}-actions`,
      items: [item(choiceValue(person.personId, 'reminders'), noticeKindNames.reminders)],
    },
  ];
}

/** The boxes ticked as things stand. */
function currentChoices(people: readonly PersonNotices[]): Set<string> {
  return new Set(
    people.flatMap((person) => [
      ...(person.reminders ? [choiceValue(person.personId, 'reminders')] : []),
      ...person.groups.flatMap((g) =>
        groupNoticeKinds.filter((kind) => g[kind]).map((kind) => choiceValue(person.personId, kind, g.groupId)),
      ),
    ]),
  );
}

const tickedIn = (value: unknown) => new Set(([] as unknown[]).concat(value ?? []).filter((v): v is string => typeof v === 'string'));

export const noticeRoutes: ModuleRoutes<NoticeRouteDependencies> = {
  prefix: '',
  plugin(instance, { pages, deps: { settings, peopleOfAccount } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const signedIn = { config: { access: 'signedIn' as const } };
    // The token in the address is the authority, unguessable by another site: no session, so no CSRF token.
    const byLink = { config: { access: 'public' as const, signedAddress: true } };

    app.get('/account/notices', signedIn, async (request, reply) => {
      const people = await settings.settingsOf(await peopleOfAccount(principalOf(request).userId ?? ''));
      return renderNotices(request, reply, people, currentChoices(people), people.some((p) => p.digest) ? 'weekly' : 'each', null);
    });

    const renderNotices = (
      request: Parameters<typeof pages.render>[0],
      reply: Parameters<typeof pages.render>[1],
      people: PersonNotices[],
      ticked: ReadonlySet<string>,
      digest: string,
      errors: FormErrors | null,
    ) =>
      pages.render(request, reply, 'notifications/views/account-notices.njk', {
        title: 'Your e-mail notices',
        people: people.map((person) => ({ ...person, fieldsets: fieldsetsOf(person, (value) => ticked.has(value)) })),
        digest,
        errors,
        breadcrumbs: [{ text: 'Your account', href: '/account' }],
      });

    app.post('/account/notices', { ...signedIn, schema: { body: formBody } }, async (request, reply) => {
      const principal = principalOf(request);
      const people = await peopleOfAccount(principal.userId ?? '');
      const ticked = tickedIn(request.body.notices);
      const digest = digestChoice.safeParse(request.body.digest);
      if (!digest.success) {
        const message = 'Select how you want to get your e-mails';
        reply.code(400);
        return renderNotices(request, reply, await settings.settingsOf(people), ticked, '', {
          summary: [{ text: message, href: '#digest' }],
          byField: { digest: message },
        });
      }
      await settings.save(principal, people, { ticked, digest: digest.data === 'weekly' });
      request.session.flash = 'Your choices are saved.';
      return reply.redirect('/account/notices');
    });

    const refused = (request: Parameters<typeof pages.render>[0], reply: Parameters<typeof pages.render>[1]) =>
      pages.render(request, reply.code(400), 'notifications/views/unsubscribe-refused.njk', {
        title: 'This unsubscribe link does not work',
      });

    app.get('/unsubscribe/:token', { ...byLink, schema: { params: tokenParams } }, async (request, reply) => {
      const view = await settings.unsubscribeView(request.params.token);
      if (!view) return refused(request, reply);
      return pages.render(request, reply, 'notifications/views/unsubscribe.njk', {
        title: view.stopped ? 'You will not get these e-mails' : 'Stop these e-mails',
        view,
        action: `/unsubscribe/${request.params.token}`,
      });
    });

    app.post('/unsubscribe/:token', { ...byLink, schema: { params: tokenParams } }, async (request, reply) => {
      const view = await settings.unsubscribe(request.params.token);
      if (!view) return refused(request, reply);
      return reply.redirect(`/unsubscribe/${request.params.token}`);
    });

    done();
  },
};
