/**
 * File uploads: multipart forms in a scope of their own, so that every other form stays urlencoded,
 * and stored files sent back as downloads.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendFile } from './csv.ts';

/** A file part of a multipart form, as an upload route reads it. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
  /** Cut off at the size limit. */
  truncated: boolean;
}

/**
 * Registers upload routes in a scope that takes multipart forms of one file. The whole form is read
 * before the CSRF check, which then finds its token among the fields; the file arrives in the body
 * as an UploadedFile under its field's name.
 */
export function withUpload(app: FastifyInstance, maxBytes: number, routes: (scope: FastifyInstance) => void): void {
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: true,
      throwFileSizeLimit: false,
      limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 10_000 },
    });
    scope.addHook('preValidation', (request, _reply, done) => {
      if (!request.isMultipart()) return done();
      const parts = (request.body ?? {}) as Record<
        string,
        { type?: string; value?: unknown; filename?: string; _buf?: Buffer | null; file?: { truncated?: boolean } }
      >;
      const body: Record<string, unknown> = {};
      for (const [name, part] of Object.entries(parts)) {
        body[name] =
          part.type === 'file'
            ? ({
                // Some browsers send the path the file came from: only its name is kept.
                fileName: (part.filename ?? '').split(/[\\/]/).pop() ?? '',
                bytes: part._buf ?? Buffer.alloc(0),
                truncated: part.file?.truncated ?? false,
              } satisfies UploadedFile)
            : part.value;
      }
      request.body = body;
      done();
    });
    routes(scope);
  });
}

/** The file a form sent in a field, or what is wrong with it: none chosen, or cut off at the size limit. */
export function uploadedFile(
  body: Record<string, unknown>,
  field: string,
  maxSizeText: string,
): { file: UploadedFile } | { problem: string } {
  const file = body[field] as UploadedFile | undefined;
  if (!file?.fileName) return { problem: 'Select a file' };
  if (file.truncated) return { problem: `The selected file must be smaller than ${maxSizeText}` };
  return { file };
}

/** A stored file as a download that is never shown in the browser, nor sniffed into another type. */
export function sendStoredFile(reply: FastifyReply, file: { fileName: string; contentType: string }, content: Buffer): FastifyReply {
  return sendFile(reply.header('x-content-type-options', 'nosniff'), file.fileName, file.contentType, content);
}
