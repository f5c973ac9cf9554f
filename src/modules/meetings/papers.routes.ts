/**
 * Papers on agenda items: the upload form, downloads for those allowed, the agenda pack and publishing the agenda.
 */
import { reportOnNextPage } from '../../web/buttons.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FieldValidationError } from '../../platform/errors.ts';
import { formatDate } from '../../platform/dates.ts';
import { sendFile } from '../../web/csv.ts';
import { errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import { optionalText } from '../../platform/inputs.ts';
import { principalOf } from '../../web/permissions.ts';
import { queryValues, versionOf } from '../../web/query.ts';
import type { Crumb } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import { sendStoredFile, uploadedFile, withUpload } from '../../web/uploads.ts';
import type { MeetingDetails } from './meetings.service.ts';
import { maxPaperBytes, maxPaperSizeText } from './papers.ts';
import type { PapersService } from './papers.service.ts';

interface PaperParams {
  partnershipId: string;
  id: string;
  itemId?: string;
  paperId?: string;
}

const titleFields: Field[] = [
  {
    name: 'title',
    label: 'Title of the paper (optional)',
    kind: 'text',
    hint: 'For example, Strategic Assessment 2026. If you leave this blank, the file name is used.',
  },
];
const titleSchema = z.object({ title: optionalText(200, 'The title') });
const fileFieldName = 'file';
/** The fields in page order, for the error summary; the file input itself is drawn by the page. */
const uploadFields: Field[] = [...titleFields, { name: fileFieldName, label: 'File', kind: 'text' }];

const readerOf = (request: FastifyRequest) => principalOf(request);
const paramsOf = (request: FastifyRequest) => request.params as PaperParams;
const meetingHref = (request: FastifyRequest) => `/partnerships/${paramsOf(request).partnershipId}/meetings/${paramsOf(request).id}`;

export function registerPaperRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  papers: PapersService,
  meeting: {
    crumbs: (request: FastifyRequest, details: MeetingDetails) => Crumb[];
    load: (request: FastifyRequest) => Promise<MeetingDetails>;
  },
): void {
  const manage = { config: { access: 'partnership:manage' as const } };
  const view = { config: { access: 'partnership:view' as const } };
  const uploadPath = '/partnerships/:partnershipId/meetings/:id/items/:itemId/papers';

  async function renderUpload(request: FastifyRequest, reply: FastifyReply, state: { values: TypedValues; errors: FormErrors | null }) {
    const { partnershipId, id, itemId = '' } = paramsOf(request);
    const { details, sections } = await papers.meetingPapers(partnershipId, id, 'group');
    const item = sections.flatMap((section) => section.items).find((candidate) => candidate.id === itemId);
    if (!item) return reply.callNotFound();
    if (state.errors) reply.code(400);
    return pages.render(request, reply, 'meetings/views/paper-upload.njk', {
      title: `Add a paper to item ${item.number}: ${item.title}`,
      item,
      deadline: details.deadlines.papersDue,
      published: details.meeting.publishedAt,
      fields: titleFields,
      values: state.values,
      errors: state.errors,
      maxSize: maxPaperSizeText,
      action: `${meetingHref(request)}/items/${itemId}/papers`,
      cancel: `${meetingHref(request)}#item-${itemId}`,
      breadcrumbs: meeting.crumbs(request, details),
    });
  }

  app.get(`${uploadPath}/new`, manage, (request, reply) => renderUpload(request, reply, { values: {}, errors: null }));

  withUpload(app, maxPaperBytes, (scope) => {
    scope.post(uploadPath, manage, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = readForm(titleSchema, titleFields, body);
      const upload = uploadedFile(body, fileFieldName, maxPaperSizeText);
      const typed = typedValues(titleFields, body);
      if (!form.ok || 'problem' in upload) {
        const fieldErrors = {
          ...(form.ok ? {} : form.errors.byField),
          ...('problem' in upload ? { [fileFieldName]: upload.problem } : {}),
        };
        return renderUpload(request, reply, { values: typed, errors: errorsFor(uploadFields, fieldErrors) });
      }
      const { file } = upload;
      const { partnershipId, id, itemId = '' } = paramsOf(request);
      try {
        await papers.upload(principalOf(request), partnershipId, id, itemId, {
          fileName: file.fileName,
          bytes: file.bytes,
          title: form.value.title,
        });
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        return renderUpload(request, reply, { values: typed, errors: errorsFor(uploadFields, { [error.field]: error.message }) });
      }
      request.session.flash = `Paper "${form.value.title ?? file.fileName}" added`;
      return reply.redirect(`${meetingHref(request)}#item-${itemId}`);
    });
  });

  app.get('/partnerships/:partnershipId/meetings/:id/papers/:paperId', view, async (request, reply) => {
    const { partnershipId, id, paperId = '' } = paramsOf(request);
    const { paper, content } = await papers.file(readerOf(request), partnershipId, id, paperId);
    return sendStoredFile(reply, paper, content);
  });

  app.post('/partnerships/:partnershipId/meetings/:id/papers/:paperId/remove', manage, async (request, reply) => {
    const { partnershipId, id, paperId = '' } = paramsOf(request);
    await reportOnNextPage(request, async () => {
      await papers.remove(principalOf(request), partnershipId, id, paperId, versionOf(request.body));
      return 'Paper removed';
    });
    return reply.redirect(`${meetingHref(request)}#agenda`);
  });

  // What the reader may see; `?public=yes` asks for the public version, which can only narrow it.
  app.get('/partnerships/:partnershipId/meetings/:id/agenda-pack.pdf', view, async (request, reply) => {
    const { partnershipId, id } = paramsOf(request);
    const publicVersion = queryValues(request.query, ['public']).public === 'yes';
    const {
      meeting: m,
      pdf,
      audience,
    } = await papers.pack(readerOf(request), request.partnership?.name ?? '', partnershipId, id, {
      publicVersion,
    });
    const name = `${m.groupName} agenda pack ${m.meetingDate}${audience === 'group' ? '' : ' public'}.pdf`;
    return sendFile(reply, name, 'application/pdf', pdf);
  });

  app.post('/partnerships/:partnershipId/meetings/:id/publish', manage, async (request, reply) => {
    const { partnershipId, id } = paramsOf(request);
    await reportOnNextPage(request, async () => {
      const published = await papers.publish(principalOf(request), partnershipId, id);
      return `Agenda published on ${formatDate(published.publishedAt)}: its public part is on the public pages`;
    });
    return reply.redirect(`${meetingHref(request)}#agenda`);
  });
}
