/** A meeting's agenda: adding, changing, moving and removing items. Under /partnerships/:partnershipId/meetings/:id/items. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { reportOnNextPage } from '../../web/buttons.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { valuesFromRecord } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { single, versionOf } from '../../web/query.ts';
import { formBody } from '../../web/schemas.ts';
import type { AgendaItemRow } from './agenda.repository.ts';
import { agendaItemFields } from './meetings.forms.ts';
import { agendaItemSchema } from './meetings.inputs.ts';
import {
  type ItemParams,
  itemParams,
  meetingCrumbs,
  meetingHref,
  type MeetingParams,
  meetingParams,
  type MeetingRouteDependencies,
} from './meetings.pages.ts';

/** The form's view of an item: whether it is public is a choice, with the reason beside it. */
function itemValues(item: AgendaItemRow) {
  return valuesFromRecord(agendaItemFields, { ...item, confidentiality: item.confidential ? 'confidential' : 'public' });
}

const manage = { access: 'partnership:manage' } as const;

export const agendaRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/meetings/:id/items',
  plugin(instance, { pages, deps: { meetings, agenda } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const loadMeeting = ({ params }: { params: MeetingParams }) => meetings.get(params.partnershipId, params.id);
    const loadItem = async ({ params }: { params: ItemParams }) => {
      const [details, { item }] = await Promise.all([
        meetings.get(params.partnershipId, params.id),
        agenda.item(params.partnershipId, params.id, params.itemId),
      ]);
      return { details, item };
    };

    registerFormPage(app, pages, {
      path: '/new',
      action: '',
      access: 'partnership:manage',
      params: meetingParams,
      fields: agendaItemFields,
      schema: agendaItemSchema,
      load: loadMeeting,
      title: ({ meeting: m }) => `Add an item to the agenda of ${m.groupName}`,
      submitText: 'Add item',
      crumbs: meetingCrumbs,
      back: (request) => meetingHref(request.params),
      initialValues: () => ({ section: 'decision', confidentiality: 'public' }),
      async save(request, value) {
        const { partnershipId, id } = request.params;
        await agenda.addItem(principalOf(request), partnershipId, id, value);
        return { redirect: `${meetingHref(request.params)}#agenda`, flash: `"${value.title}" added to the agenda` };
      },
    });

    registerFormPage(app, pages, {
      path: '/:itemId/edit',
      action: '/:itemId',
      access: 'partnership:manage',
      params: itemParams,
      fields: agendaItemFields,
      schema: agendaItemSchema,
      load: loadItem,
      title: ({ item }) => `Change agenda item: ${item.title}`,
      submitText: 'Save changes',
      crumbs: (request, { details }) => meetingCrumbs(request, details),
      back: (request) => meetingHref(request.params),
      initialValues: (_request, { item }) => itemValues(item),
      version: ({ item }) => item.version,
      async save(request, value, version) {
        const { partnershipId, id, itemId } = request.params;
        await agenda.updateItem(principalOf(request), partnershipId, id, itemId, version, value);
        return { redirect: `${meetingHref(request.params)}#agenda`, flash: 'Agenda item updated' };
      },
    });

    app.post('/:itemId/move', { config: manage, schema: { params: itemParams, body: formBody } }, async (request, reply) => {
      const { partnershipId, id, itemId } = request.params;
      const direction = single(request.body.direction) === 'up' ? 'up' : 'down';
      await reportOnNextPage(request, async () => {
        await agenda.moveItem(principalOf(request), partnershipId, id, itemId, direction);
        return null;
      });
      return reply.redirect(`${meetingHref(request.params)}#item-${itemId}`);
    });

    app.get('/:itemId/remove', { config: manage, schema: { params: itemParams } }, async (request, reply) => {
      const { details, item } = await loadItem(request);
      return pages.render(request, reply, 'meetings/views/remove-item.njk', {
        title: `Take "${item.title}" off the agenda`,
        item,
        action: `${meetingHref(request.params)}/items/${item.id}/remove`,
        cancel: meetingHref(request.params),
        breadcrumbs: meetingCrumbs(request, details),
      });
    });

    app.post('/:itemId/remove', { config: manage, schema: { params: itemParams, body: formBody } }, async (request, reply) => {
      const { partnershipId, id, itemId } = request.params;
      await reportOnNextPage(request, async () => {
        await agenda.removeItem(principalOf(request), partnershipId, id, itemId, versionOf(request.body));
        return 'Item taken off the agenda';
      });
      return reply.redirect(`${meetingHref(request.params)}#agenda`);
    });
    done();
  },
};
