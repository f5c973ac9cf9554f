import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reportOnNextPage } from '../../web/buttons.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { valuesFromRecord } from '../../web/forms.ts';
import { single, versionOf } from '../../web/query.ts';
import type { Crumb } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import type { AgendaItemRow } from './agenda.repository.ts';
import type { AgendaService } from './agenda.service.ts';
import { agendaItemFields, agendaItemSchema } from './meetings.schemas.ts';
import type { MeetingDetails } from './meetings.service.ts';
import { principalOf } from '../../web/permissions.ts';

interface ItemParams {
  partnershipId: string;
  id: string;
  itemId: string;
}

const paramsOf = (request: FastifyRequest) => request.params as ItemParams;
const meetingHref = (request: FastifyRequest) => `/partnerships/${paramsOf(request).partnershipId}/meetings/${paramsOf(request).id}`;

/** The form's view of an item: whether it is public is a choice, with the reason beside it. */
function itemValues(item: AgendaItemRow) {
  return valuesFromRecord(agendaItemFields, { ...item, confidentiality: item.confidential ? 'confidential' : 'public' });
}

export function registerAgendaRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  agenda: AgendaService,
  meeting: {
    crumbs: (request: FastifyRequest, details: MeetingDetails) => Crumb[];
    load: (request: FastifyRequest) => Promise<MeetingDetails>;
  },
): void {
  const loadItem = async (request: FastifyRequest) => {
    const { partnershipId, id, itemId } = paramsOf(request);
    const [details, { item }] = await Promise.all([meeting.load(request), agenda.item(partnershipId, id, itemId)]);
    return { details, item };
  };

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/meetings/:id/items/new',
    action: '/partnerships/:partnershipId/meetings/:id/items',
    access: 'partnership:manage',
    fields: agendaItemFields,
    schema: agendaItemSchema,
    load: meeting.load,
    title: ({ meeting: m }) => `Add an item to the agenda of ${m.groupName}`,
    submitText: 'Add item',
    crumbs: meeting.crumbs,
    back: meetingHref,
    initialValues: () => ({ section: 'decision', confidentiality: 'public' }),
    async save(request, value) {
      const { partnershipId, id } = paramsOf(request);
      await agenda.addItem(principalOf(request), partnershipId, id, value);
      return { redirect: `${meetingHref(request)}#agenda`, flash: `"${value.title}" added to the agenda` };
    },
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/meetings/:id/items/:itemId/edit',
    action: '/partnerships/:partnershipId/meetings/:id/items/:itemId',
    access: 'partnership:manage',
    fields: agendaItemFields,
    schema: agendaItemSchema,
    load: loadItem,
    title: ({ item }) => `Change agenda item: ${item.title}`,
    submitText: 'Save changes',
    crumbs: (request, { details }) => meeting.crumbs(request, details),
    back: meetingHref,
    initialValues: (_request, { item }) => itemValues(item),
    version: ({ item }) => item.version,
    async save(request, value, version) {
      const { partnershipId, id, itemId } = paramsOf(request);
      await agenda.updateItem(principalOf(request), partnershipId, id, itemId, version, value);
      return { redirect: `${meetingHref(request)}#agenda`, flash: 'Agenda item updated' };
    },
  });

  app.post(
    '/partnerships/:partnershipId/meetings/:id/items/:itemId/move',
    { config: { access: 'partnership:manage' } },
    async (request, reply) => {
      const { partnershipId, id, itemId } = paramsOf(request);
      const direction = single((request.body as Record<string, unknown> | undefined)?.direction) === 'up' ? 'up' : 'down';
      await reportOnNextPage(request, async () => {
        await agenda.moveItem(principalOf(request), partnershipId, id, itemId, direction);
        return null;
      });
      return reply.redirect(`${meetingHref(request)}#item-${itemId}`);
    },
  );

  app.get(
    '/partnerships/:partnershipId/meetings/:id/items/:itemId/remove',
    { config: { access: 'partnership:manage' } },
    async (request, reply) => {
      const { details, item } = await loadItem(request);
      return pages.render(request, reply, 'meetings/views/remove-item.njk', {
        title: `Take "${item.title}" off the agenda`,
        item,
        action: `${meetingHref(request)}/items/${item.id}/remove`,
        cancel: meetingHref(request),
        breadcrumbs: meeting.crumbs(request, details),
      });
    },
  );

  app.post(
    '/partnerships/:partnershipId/meetings/:id/items/:itemId/remove',
    { config: { access: 'partnership:manage' } },
    async (request, reply) => {
      const { partnershipId, id, itemId } = paramsOf(request);
      await reportOnNextPage(request, async () => {
        await agenda.removeItem(principalOf(request), partnershipId, id, itemId, versionOf(request.body));
        return 'Item taken off the agenda';
      });
      return reply.redirect(`${meetingHref(request)}#agenda`);
    },
  );
}
