/**
 * A page with one form that does one thing (add an account, plan a year of meetings, cancel a
 * meeting): show it, check it, save it through a service, and on a problem show it again with the
 * message next to its field and everything as typed. Passwords are never sent back.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { attempt, errorsFor, type Field, type FormErrors, type Option, readForm, type TypedValues, typedValues } from './forms.ts';
import type { Access } from '../platform/policy.ts';
import { versionOf } from './query.ts';
import type { Crumb } from './recordPages.ts';
import type { PageRenderer } from './render.ts';
import { addressParams, formBody } from './schemas.ts';

/** A request to a form page, its params typed by the page's params schema. */
export type FormRequest<P extends z.ZodType> = FastifyRequest & { params: z.output<P> };

export interface FormPage<S extends z.ZodType, Context, P extends z.ZodType = typeof addressParams> {
  /** The address that shows the form, and the one it posts to. */
  path: string;
  action: string;
  access: Access;
  /** The address's parameters, e.g. partnershipParams or recordParams; each a string by default. */
  params?: P;
  fields: Field[];
  schema: S;
  /** What the page is about (the record being changed), loaded for each request. */
  load(request: FormRequest<P>): Promise<Context>;
  title(context: Context): string;
  /** Words above the form. */
  intro?(context: Context): string;
  submitText: string;
  warning?: boolean;
  /** A page of its own that extends records/form.njk, for what the form is about (a table, say), and what it shows. */
  template?: string;
  details?(context: Context): Record<string, unknown>;
  crumbs(request: FormRequest<P>, context: Context): Crumb[];
  /** Where Cancel goes. */
  back(request: FormRequest<P>, context: Context): string;
  initialValues(request: FormRequest<P>, context: Context): TypedValues;
  options?(request: FormRequest<P>, values: TypedValues): Promise<Record<string, Option[]>>;
  /** The version of the record the form changes, for optimistic concurrency. */
  version?(context: Context): number;
  /**
   * A page instead of the form once what it is about is over (a file already decided, say): its template and what
   * it shows. A form posted to it then shows that page, and changes nothing.
   */
  closed?(request: FormRequest<P>, context: Context): { template: string; view: Record<string, unknown> } | null;
  /** Saves, and says where to go next and what to tell the user there. */
  save(request: FormRequest<P>, value: z.output<S>, version: number, context: Context): Promise<{ redirect: string; flash: string }>;
}

function withoutPasswords(fields: readonly Field[], values: TypedValues): TypedValues {
  const kept = { ...values };
  for (const field of fields) if (field.kind === 'password') kept[field.name] = '';
  return kept;
}

export function registerFormPage<S extends z.ZodType, Context, P extends z.ZodType = typeof addressParams>(
  app: FastifyInstance,
  pages: PageRenderer,
  form: FormPage<S, Context, P>,
): void {
  // A page that names no params takes its address's as strings: P is then addressParams, its default.
  const params = (form.params ?? addressParams) as P;
  const route = { config: { access: form.access }, schema: { params } };
  // The schema has checked the address before the handler runs; parsing it again types it for the page's callbacks.
  const asked = (request: FastifyRequest): FormRequest<P> => Object.assign(request, { params: params.parse(request.params) });

  async function render(
    request: FormRequest<P>,
    reply: FastifyReply,
    context: Context,
    state: { values: TypedValues; errors: FormErrors | null; version: number | null },
  ) {
    if (state.errors) reply.code(400);
    const address: Record<string, unknown> = request.params ?? {};
    // Inside a module's plugin the path is relative to its prefix; the form posts to the whole address.
    const action = `${app.prefix}${form.action}`.replace(/:(\w+)/g, (_, name: string) => {
      const value = address[name];
      return typeof value === 'string' ? value : '';
    });
    return pages.render(request, reply, form.template ?? 'records/form.njk', {
      ...form.details?.(context),
      title: form.title(context),
      intro: form.intro?.(context),
      fields: form.fields,
      values: withoutPasswords(form.fields, state.values),
      errors: state.errors,
      options: (await form.options?.(request, state.values)) ?? {},
      action,
      cancel: form.back(request, context),
      version: state.version,
      submitText: form.submitText,
      warning: form.warning ?? false,
      breadcrumbs: form.crumbs(request, context),
    });
  }

  function renderClosed(request: FormRequest<P>, reply: FastifyReply, context: Context) {
    const closed = form.closed?.(request, context);
    if (!closed) return null;
    return pages.render(request, reply, closed.template, { ...closed.view, breadcrumbs: form.crumbs(request, context) });
  }

  app.get(form.path, route, async (received, reply) => {
    const request = asked(received);
    const context = await form.load(request);
    const closed = renderClosed(request, reply, context);
    if (closed) return closed;
    return render(request, reply, context, {
      values: form.initialValues(request, context),
      errors: null,
      version: form.version?.(context) ?? null,
    });
  });

  app.post(form.action, { ...route, schema: { params, body: formBody } }, async (received, reply) => {
    const request = asked(received);
    const context = await form.load(request);
    if (form.closed?.(request, context)) return renderClosed(request, reply.code(409), context);
    const body = formBody.parse(received.body);
    const version = versionOf(body);
    const result = readForm(form.schema, form.fields, body);
    if (!result.ok) return render(request, reply, context, { values: result.typed, errors: result.errors, version });
    const saved = await attempt(() => form.save(request, result.value, version, context));
    if (!saved.ok) {
      return render(request, reply, context, {
        values: typedValues(form.fields, body),
        errors: errorsFor(form.fields, saved.byField),
        version: saved.version ?? version,
      });
    }
    request.session.flash = saved.value.flash;
    return reply.redirect(saved.value.redirect);
  });
}
