/**
 * Papers on agenda items: the upload form, downloads for those allowed and the agenda pack (publishing the
 * agenda is in meetingSteps.routes.ts). Under /partnerships/:partnershipId/meetings/:id.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportOnNextPage } from '../../web/buttons.ts';
import { sendFile } from '../../web/csv.ts';
import { attempt, errorsFor, type Field, type FormErrors, readForm, type TypedValues, typedValues } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { versionOf } from '../../web/query.ts';
import { formBody, uploadBody } from '../../web/schemas.ts';
import { sendStoredFile, uploadedFile, withUpload } from '../../web/uploads.ts';
import { paperTitleFields } from './meetings.forms.ts';
import { paperTitleSchema } from './meetings.inputs.ts';
import {
  type ItemParams,
  itemParams,
  meetingCrumbs,
  meetingHref,
  meetingParams,
  type MeetingRouteDependencies,
  publicVersionQuery,
} from './meetings.pages.ts';
import { maxPaperBytes, maxPaperSizeText } from '../../platform/documentFiles.ts';

const fileFieldName = 'file';
/** The fields in page order, for the error summary; the file input itself is drawn by the page. */
const uploadFields: Field[] = [...paperTitleFields, { name: fileFieldName, label: 'File', kind: 'text' }];

const paperParams = meetingParams.extend({ paperId: z.string() });
/** A multipart form as web/uploads.ts hands it on: its fields, and the file as an UploadedFile. */
const manage = { access: 'partnership:manage' } as const;
const view = { access: 'partnership:view' } as const;

export const papersRoutes: ModuleRoutes<MeetingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/meetings/:id',
  plugin(instance, { pages, deps: { papers } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    async function renderUpload(
      request: FastifyRequest,
      params: ItemParams,
      reply: FastifyReply,
      state: { values: TypedValues; errors: FormErrors | null },
    ) {
      const { partnershipId, id, itemId } = params;
      const { details, sections } = await papers.meetingPapers(partnershipId, id, 'group');
      const item = sections.flatMap((section) => section.items).find((candidate) => candidate.id === itemId);
      if (!item) return reply.callNotFound();
      if (state.errors) reply.code(400);
      return pages.render(request, reply, 'meetings/views/paper-upload.njk', {
        title: `Add a paper to item ${item.number}: ${item.title}`,
        item,
        deadline: details.deadlines.papersDue,
        published: details.meeting.publishedAt,
        fields: paperTitleFields,
        values: state.values,
        errors: state.errors,
        maxSize: maxPaperSizeText,
        action: `${meetingHref(params)}/items/${itemId}/papers`,
        cancel: `${meetingHref(params)}#item-${itemId}`,
        breadcrumbs: meetingCrumbs(request, details),
      });
    }

    app.get('/items/:itemId/papers/new', { config: manage, schema: { params: itemParams } }, (request, reply) =>
      renderUpload(request, request.params, reply, { values: {}, errors: null }),
    );

    withUpload(app, maxPaperBytes, (scope) => {
      scope
        .withTypeProvider<ZodTypeProvider>()
        .post('/items/:itemId/papers', { config: manage, schema: { params: itemParams, body: uploadBody } }, async (request, reply) => {
          const body = request.body;
          const form = readForm(paperTitleSchema, paperTitleFields, body);
          const upload = uploadedFile(body, fileFieldName, maxPaperSizeText);
          const typed = typedValues(paperTitleFields, body);
          if (!form.ok || 'problem' in upload) {
            const fieldErrors = {
              ...(form.ok ? {} : form.errors.byField),
              ...('problem' in upload ? { [fileFieldName]: upload.problem } : {}),
            };
            return renderUpload(request, request.params, reply, { values: typed, errors: errorsFor(uploadFields, fieldErrors) });
          }
          const { file } = upload;
          const { partnershipId, id, itemId } = request.params;
          const saved = await attempt(() =>
            papers.upload(principalOf(request), partnershipId, id, itemId, {
              fileName: file.fileName,
              bytes: file.bytes,
              title: form.value.title,
            }),
          );
          if (!saved.ok)
            return renderUpload(request, request.params, reply, { values: typed, errors: errorsFor(uploadFields, saved.byField) });
          request.session.flash = `Paper "${form.value.title ?? file.fileName}" added`;
          return reply.redirect(`${meetingHref(request.params)}#item-${itemId}`);
        });
    });

    app.get('/papers/:paperId', { config: view, schema: { params: paperParams } }, async (request, reply) => {
      const { partnershipId, id, paperId } = request.params;
      const { paper, content } = await papers.file(principalOf(request), partnershipId, id, paperId);
      return sendStoredFile(reply, paper, content);
    });

    app.post('/papers/:paperId/remove', { config: manage, schema: { params: paperParams, body: formBody } }, async (request, reply) => {
      const { partnershipId, id, paperId } = request.params;
      await reportOnNextPage(request, async () => {
        await papers.remove(principalOf(request), partnershipId, id, paperId, versionOf(request.body));
        return 'Paper removed';
      });
      return reply.redirect(`${meetingHref(request.params)}#agenda`);
    });

    // What the reader may see; `?public=yes` asks for the public version, which can only narrow it.
    app.get(
      '/agenda-pack.pdf',
      { config: view, schema: { params: meetingParams, querystring: publicVersionQuery } },
      async (request, reply) => {
        const { partnershipId, id } = request.params;
        const {
          meeting: m,
          pdf,
          audience,
        } = await papers.pack(principalOf(request), request.partnership?.name ?? '', partnershipId, id, {
          publicVersion: request.query.public === 'yes',
        });
        const name = `${m.groupName} agenda pack ${m.meetingDate}${audience === 'group' ? '' : ' public'}.pdf`;
        return sendFile(reply, name, 'application/pdf', pdf);
      },
    );
    done();
  },
};
