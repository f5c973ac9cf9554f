/**
 * The pieces of a route's contract (fastify-type-provider-zod): params, query string and form body as zod
 * schemas, so that handlers read typed values and never cast what a request carries.
 */
import { z } from 'zod';

/** Every parameter of an address, each a string: for a page that names none of its own. */
export const addressParams = z.record(z.string(), z.string());

/** A route about one partnership (its id is checked against the database before the handler runs). */
export const partnershipParams = z.object({ partnershipId: z.string() });

/** A route about one record of a partnership. */
export const recordParams = partnershipParams.extend({ id: z.string() });

/**
 * A form as the browser sends it (urlencoded): each field one value, or several for checkboxes. The page's own
 * zod input schema (read with readForm) then checks it field by field, so that errors show on the form.
 */
export const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({});

/**
 * One value of a query string, for a filter: the first of several, and nothing for what is not text — a page's
 * address is never refused for its filter.
 */
export const queryText = z.preprocess(
  (value: unknown) => (Array.isArray(value) ? (value[0] as unknown) : value),
  z.string().optional().catch(undefined),
);

/** A multipart form's fields and files, as web/uploads.ts has put them in the body (uploadedFile then reads the file). */
export const uploadBody = z.record(z.string(), z.unknown()).default({});

/** Whatever a body, query string or address holds, as named values; nothing at all for what is not an object. */
export const anyFields = z.record(z.string(), z.unknown()).catch({});
