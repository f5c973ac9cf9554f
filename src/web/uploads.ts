/**
 * File uploads: multipart forms in a scope of their own, so that every other form stays urlencoded
 * (small files read into memory, large ones streamed to temporary files), and stored files sent back
 * as downloads.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SaferError } from '../platform/errors.ts';
import { withoutHiddenCharacters } from '../platform/hiddenCharacters.ts';
import { sendFile } from './csv.ts';

/**
 * A multipart form that did not arrive whole: cut off part way (a dropped connection, a browser stopped),
 * or not a multipart form at all though it says it is. The person can only send it again.
 */
export class IncompleteUploadError extends SaferError {
  readonly status = 400;
  readonly code = 'upload-incomplete';
  constructor() {
    super('The upload did not arrive whole');
    this.name = 'IncompleteUploadError';
  }
}

/** An uploaded file's name as it is kept: without the folders some browsers send, or a hidden character. */
export function uploadedFileName(sent: string): string {
  return withoutHiddenCharacters(sent.split(/[\\/]/).pop() ?? '');
}

// busboy's words for a form that did not arrive whole (it gives them no code); "aborted" is a browser that went
// away part way through.
const unreadableForm = /^(Multipart: |Unexpected end of (form|multipart data)|Part terminated early|Malformed part header|aborted$)/;

/**
 * Reading the form is the first thing an upload route does (multipart's own preValidation hook): a form it
 * cannot read becomes an IncompleteUploadError for the app's error handler, which every other error reaches as it was.
 */
function refusingUnreadableForms(scope: FastifyInstance): void {
  scope.setErrorHandler((error: Error) => {
    throw unreadableForm.test(error.message) ? new IncompleteUploadError() : error;
  });
}

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
    refusingUnreadableForms(scope);
    scope.addHook('preValidation', (request, _reply, done) => {
      if (!request.isMultipart()) return done();
      const body: Record<string, unknown> = {};
      for (const [name, part] of multipartParts.parse(request.body)) {
        body[name] =
          part.type === 'file'
            ? ({
                // Some browsers send the path the file came from: only its name is kept.
                fileName: uploadedFileName(part.filename ?? ''),
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

// What withUpload put in the body for a file field.
const uploadedFileField = z.object({ fileName: z.string(), bytes: z.instanceof(Buffer), truncated: z.boolean() });

/** The file a form sent in a field, or what is wrong with it: none chosen, or cut off at the size limit. */
export function uploadedFile(
  body: Record<string, unknown>,
  field: string,
  maxSizeText: string,
): { file: UploadedFile } | { problem: string } {
  const file = uploadedFileField.safeParse(body[field]).data;
  if (!file?.fileName) return { problem: 'Select a file' };
  if (file.truncated) return { problem: `The selected file must be smaller than ${maxSizeText}` };
  return { file };
}

/** A CSV file a form sent, as text; or what is wrong with it, in words to show next to the file input. */
export function uploadedCsv(body: Record<string, unknown>, field: string, maxSizeText: string): { text: string } | { problem: string } {
  const upload = uploadedFile(body, field, maxSizeText);
  if ('problem' in upload) return upload;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(upload.file.bytes) };
  } catch {
    return { problem: 'The file must be saved as CSV UTF-8: in Excel, choose Save As, then "CSV UTF-8 (Comma delimited)"' };
  }
}

/** A stored file as a download that is never shown in the browser, nor sniffed into another type. */
export function sendStoredFile(reply: FastifyReply, file: { fileName: string; contentType: string }, content: Buffer): FastifyReply {
  return sendFile(reply.header('x-content-type-options', 'nosniff'), file.fileName, file.contentType, content);
}

/** A file part of a multipart form, written to a temporary file while the form arrived. */
export interface FileOnDisk {
  fileName: string;
  /** The temporary file: deleted once the response has been sent. */
  path: string;
  bytes: number;
  /** Cut off at the size limit. */
  truncated: boolean;
  /** The file's first bytes, to tell its type by its content. */
  start: Buffer;
}

/** The parts of a multipart form as @fastify/multipart attaches them to the body (a file part read into memory). */
const multipartPart = z.looseObject({
  type: z.string().optional(),
  value: z.unknown().optional(),
  filename: z.string().optional(),
  _buf: z.instanceof(Buffer).nullish(),
  file: z.looseObject({ truncated: z.boolean().optional() }).optional(),
});
// A name sent more than once arrives as an array of parts: no form here sends one, so it is left out.
const multipartParts = z
  .record(z.string(), z.union([multipartPart, z.array(z.unknown()).transform(() => null)]))
  .transform((parts) => Object.entries(parts).flatMap(([name, part]) => (part ? [[name, part] as const] : [])))
  .catch([]);

/** The files of one field of a form, as `withFileUploads` puts them in the body. */
interface FilesField {
  kind: 'files';
  files: FileOnDisk[];
  /** The form had more files than the scope takes: those past the limit were not kept. */
  overLimit: boolean;
}

// What withFileUploads put in the body; any other field (or body) holds no files.
const filesFields = z
  .record(
    z.string(),
    z
      .unknown()
      .transform((value): FilesField | undefined =>
        typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'files' ? (value as FilesField) : undefined,
      ),
  )
  .catch({});

/** What a request's files have written so far. */
interface Written {
  files: (FileOnDisk & { field: string })[];
  count: number;
}

const startBytes = 8 * 1024;

/**
 * Registers upload routes in a scope that takes multipart forms of many large files. Each file streams to a
 * temporary file as the form arrives, so that none is held in memory, and the whole form is read before the
 * CSRF check, which then finds its token among the fields. `filesIn` gives a field's files. The temporary
 * files are deleted once the response is sent (or the request given up), whatever happened.
 */
export function withFileUploads(
  app: FastifyInstance,
  limits: { maxBytes: number; maxFiles: number },
  routes: (scope: FastifyInstance) => void,
): void {
  const writtenBy = new WeakMap<FastifyRequest, Written>();

  async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
    const written = writtenBy.get(this) ?? { files: [], count: 0 };
    writtenBy.set(this, written);
    // A file input left empty still sends a part, with no name.
    if (part.filename) written.count += 1;
    if (!part.filename || written.count > limits.maxFiles) {
      await finished(part.file.resume());
      return;
    }
    const file = {
      field: part.fieldname,
      // Some browsers send the path the file came from: only its name is kept.
      fileName: uploadedFileName(part.filename),
      path: join(tmpdir(), `safer-upload-${randomUUID()}`),
      bytes: 0,
      truncated: false,
      start: Buffer.alloc(0),
    };
    written.files.push(file);
    await pipeline(
      part.file,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          if (file.start.length < startBytes) file.start = Buffer.concat([file.start, chunk.subarray(0, startBytes - file.start.length)]);
          file.bytes += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(file.path, { flags: 'wx', mode: 0o600 }),
    );
    file.truncated = part.file.truncated;
  }

  async function deleteWritten(request: FastifyRequest): Promise<void> {
    const written = writtenBy.get(request);
    writtenBy.delete(request);
    await Promise.all((written?.files ?? []).map((file) => rm(file.path, { force: true })));
  }

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: true,
      onFile,
      throwFileSizeLimit: false,
      limits: { fileSize: limits.maxBytes, fields: 10, fieldSize: 10_000 },
    });
    refusingUnreadableForms(scope);
    // The response's end, or the connection's if the browser goes first: the files never outlive the request.
    scope.addHook('onRequest', async (request, reply) => {
      reply.raw.once('close', () => void deleteWritten(request));
    });
    scope.addHook('onResponse', deleteWritten);
    scope.addHook('onRequestAbort', deleteWritten);
    scope.addHook('preValidation', (request, _reply, done) => {
      if (!request.isMultipart()) return done();
      const body: Record<string, unknown> = {};
      for (const [name, part] of multipartParts.parse(request.body)) {
        if (part.type === 'field') body[name] = part.value;
      }
      const written = writtenBy.get(request) ?? { files: [], count: 0 };
      const fields = new Map<string, FilesField>();
      for (const { field, ...file } of written.files) {
        const value = fields.get(field) ?? { kind: 'files', files: [], overLimit: written.count > limits.maxFiles };
        value.files.push(file);
        fields.set(field, value);
      }
      for (const [field, value] of fields) body[field] = value;
      request.body = body;
      done();
    });
    routes(scope);
  });
}

/** The files a form sent in a field (none when it sent none, or was not a multipart form), and whether it sent too many. */
export function filesIn(body: unknown, field: string): { files: FileOnDisk[]; overLimit: boolean } {
  const value = filesFields.parse(body)[field];
  return value ? { files: value.files, overLimit: value.overLimit } : { files: [], overLimit: false };
}

/** Whether a file's first bytes are text: no control characters but tab, line ends and form feed (so no spreadsheet, PDF or image). */
export function looksLikeText(start: Buffer): boolean {
  return !start.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d);
}
