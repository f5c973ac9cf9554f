/**
 * The pages every editable record has — list, view, add, change, archive and restore — built
 * once from a description of the record, so each module describes its records rather than
 * writing the same routes again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RecordService } from '../platform/records.ts';
import {
  attempt,
  errorsFor,
  type Field,
  type FormErrors,
  type Option,
  readForm,
  type TypedValues,
  typedValues,
  valuesFromRecord,
} from './forms.ts';
import { isAllowed, type Access } from '../platform/policy.ts';
import { principalOf } from './permissions.ts';
import type { PageRenderer } from './render.ts';
import { sendCsv } from './csv.ts';
import { paginate } from './pagination.ts';
import { queryValues, versionOf } from './query.ts';
import { safeReturnTo } from './returnTo.ts';
import { formBody, queryText } from './schemas.ts';

export interface Crumb {
  text: string;
  href?: string;
}

/** The start of every partnership page's breadcrumbs: your partnerships, then this one. */
export function partnershipCrumbs(request: FastifyRequest): Crumb[] {
  const partnership = request.partnership;
  return [
    { text: 'Your partnerships', href: '/' },
    ...(partnership ? [{ text: partnership.shortName, href: `/partnerships/${partnership.id}` }] : []),
  ];
}

/** The public home, the start of every public page's breadcrumbs. */
export const publicHomeCrumb: Crumb = { text: 'Community Safety Partnerships', href: '/public' };

/** The start of a partnership's public pages' breadcrumbs: the public home, then the partnership's published meetings. */
export function publicCrumbs(request: FastifyRequest): Crumb[] {
  const partnership = request.partnership;
  return [
    publicHomeCrumb,
    ...(partnership ? [{ text: `${partnership.shortName} meetings`, href: `/public/partnerships/${partnership.id}/meetings` }] : []),
  ];
}

/** A select's choices among records: archived ones are not offered, except one the form already holds. */
export function recordChoices<T extends { id: string; archivedAt: string | null }>(
  rows: readonly T[],
  values: TypedValues,
  field: string,
  text: (row: T) => string,
): Option[] {
  return rows
    .filter((row) => row.archivedAt === null || row.id === values[field])
    .map((row) => ({ value: row.id, text: row.archivedAt ? `${text(row)} (archived)` : text(row) }));
}

export interface RecordPagesDefinition<View extends { id: string; version: number; archivedAt: string | null }, Input> {
  /** e.g. '/organisations' under the prefix '/partnerships/:partnershipId' (or the whole path at the root). */
  basePath: string;
  noun: string;
  pluralTitle: string;
  access: { view: Access; manage: Access };
  service: RecordService<View, Input>;
  fields: Field[];
  schema: z.ZodType<Input>;
  titleOf(view: View): string;
  columns: { heading: string; cell(view: View): string }[];
  /** The rows of the view page; not needed with a customView. */
  summary?(view: View): { key: string; value: string; href?: string }[];
  /** Select options that come from the database, by field name; `values` are what the form shows, so a choice already made stays offered. */
  options?(scopeId: string | null, values: TypedValues): Promise<Record<string, Option[]>>;
  /** The record in the shape its form shows, where that differs from the record itself. */
  formValues?(view: View): Record<string, unknown>;
  /** Initial values for a new record, e.g. a group chosen on the page the user came from. */
  defaults?(request: FastifyRequest): TypedValues;
  /** Crumbs above the list page; the other pages add the list and the record. */
  crumbs(request: FastifyRequest): Crumb[];
  /** A page of its own for viewing one record (e.g. a group's page). */
  customView?: boolean;
  /** Words shown under the heading of the list page. */
  intro?: string;
  /** Related records shown below the summary on the view page, e.g. a person's memberships (some only to some readers). */
  sections?(scopeId: string | null, record: View, request: FastifyRequest): Promise<RelatedSection[]>;
}

export interface RelatedSection {
  title: string;
  head: string[];
  /** The first cell of each row links to the related record when it has an href. */
  rows: { cells: string[]; href?: string }[];
  emptyText: string;
  addLink?: { text: string; href: string };
  /** Shown only to those who may change the record (a person's own choices, say, are not for every reader). */
  managersOnly?: boolean;
}

// A record's pages are about a partnership's records, or (areas, partnerships) the whole service's.
const scopeParams = z.object({ partnershipId: z.string().optional() });
const recordScopeParams = scopeParams.extend({ id: z.string() });
const returnToField = z.object({ returnTo: queryText }).catch({ returnTo: undefined });

function scopeOf(request: FastifyRequest): string | null {
  return scopeParams.parse(request.params).partnershipId ?? null;
}

export function pathFor(basePath: string, request: FastifyRequest): string {
  return basePath.replace(':partnershipId', scopeOf(request) ?? '');
}

export function registerRecordPages<View extends { id: string; version: number; archivedAt: string | null }, Input>(
  instance: FastifyInstance,
  pages: PageRenderer,
  definition: RecordPagesDefinition<View, Input>,
): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const { service, fields, access } = definition;
  // Routes are relative to the module's prefix; links are the whole path.
  const basePath = `${instance.prefix}${definition.basePath}`;
  const route = definition.basePath;
  const view = { config: { access: access.view }, schema: { params: scopeParams } };
  const manage = { config: { access: access.manage }, schema: { params: scopeParams, body: formBody } };
  const viewRecordManage = { config: { access: access.manage }, schema: { params: recordScopeParams } };
  const viewRecord = { config: { access: access.view }, schema: { params: recordScopeParams } };
  const manageRecord = { config: { access: access.manage }, schema: { params: recordScopeParams, body: formBody } };

  const listCrumb = (request: FastifyRequest): Crumb[] => [
    ...definition.crumbs(request),
    { text: definition.pluralTitle, href: pathFor(basePath, request) },
  ];

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { record: View | null; values: TypedValues; errors: FormErrors | null; version: number | null },
  ) {
    const { record } = state;
    // A form opened from another page (e.g. "Add a member" on a group) goes back there.
    const returnTo = safeReturnTo(returnToField.parse(request.query).returnTo ?? returnToField.parse(request.body).returnTo);
    const title = record ? `Change ${definition.noun}: ${definition.titleOf(record)}` : addText(definition.noun);
    const base = pathFor(basePath, request);
    const crumbs = listCrumb(request);
    if (record) crumbs.push({ text: definition.titleOf(record), href: `${base}/${record.id}` });
    if (state.errors) reply.code(400);
    return pages.render(request, reply, 'records/form.njk', {
      title,
      fields,
      values: state.values,
      errors: state.errors,
      options: (await definition.options?.(scopeOf(request), state.values)) ?? {},
      action: record ? `${base}/${record.id}` : base,
      cancel: returnTo ?? (record ? `${base}/${record.id}` : base),
      returnTo,
      version: state.version,
      submitText: record ? 'Save changes' : `Add ${definition.noun}`,
      breadcrumbs: crumbs,
    });
  }

  /** Saves, or shows the form again with the problem next to the field and everything as typed. */
  async function save(request: FastifyRequest, reply: FastifyReply, record: View | null) {
    const result = readForm(definition.schema, fields, request.body);
    const version = record ? versionOf(request.body) : null;
    if (!result.ok) return renderForm(request, reply, { record, values: result.typed, errors: result.errors, version });
    const actor = principalOf(request);
    const saved = await attempt(async () =>
      record
        ? (await service.update(actor, scopeOf(request), record.id, version ?? -1, result.value), record.id)
        : service.create(actor, scopeOf(request), result.value),
    );
    if (!saved.ok) {
      const values = typedValues(fields, formBody.parse(request.body));
      return renderForm(request, reply, { record, values, errors: errorsFor(fields, saved.byField), version: saved.version ?? version });
    }
    request.session.flash = record ? `${capitalise(definition.noun)} updated` : `${capitalise(definition.noun)} added`;
    const returnTo = safeReturnTo(returnToField.parse(request.body).returnTo);
    return reply.redirect(returnTo ?? `${pathFor(basePath, request)}/${saved.value}`);
  }

  /** The records a list shows: current or archived, matching the search in any column. */
  async function listed(request: FastifyRequest, query: { archived?: string; q?: string }) {
    const showArchived = query.archived === 'yes';
    const search = (query.q ?? '').trim().toLowerCase();
    return (await service.list(scopeOf(request), { includeArchived: showArchived })).filter(
      (record) =>
        (showArchived ? record.archivedAt !== null : true) &&
        definition.columns.some((column) => column.cell(record).toLowerCase().includes(search)),
    );
  }

  app.get(route, view, async (request, reply) => {
    const query = queryValues(request.query, ['archived', 'q', 'page']);
    const showArchived = query.archived === 'yes';
    const base = pathFor(basePath, request);
    const all = await listed(request, query);
    const pagination = paginate(base, query);
    const records = all.slice(pagination.offset, pagination.offset + pagination.limit);
    const download = `${base}/download.csv?${String(new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[0] !== 'page' && Boolean(entry[1]))))}`;
    return pages.render(request, reply, 'records/list.njk', {
      title: showArchived ? `Archived ${definition.pluralTitle.toLowerCase()}` : definition.pluralTitle,
      intro: definition.intro,
      noun: definition.noun,
      addText: addText(definition.noun),
      base,
      search: query.q ?? '',
      showArchived,
      total: all.length,
      pagination: pagination.links(all.length),
      download,
      // aria-sort marks the columns the MoJ sortable table may sort.
      head: definition.columns.map((column) => ({ text: column.heading, attributes: { 'aria-sort': 'none' } })),
      rows: records.map((record) =>
        definition.columns.map((column, index) =>
          index === 0 ? { html: link(`${base}/${record.id}`, column.cell(record)) } : { text: column.cell(record) },
        ),
      ),
      canManage: isAllowed(request.principal, access.manage, request.partnership),
      breadcrumbs: definition.crumbs(request),
    });
  });

  app.get(`${route}/download.csv`, view, async (request, reply) => {
    const records = await listed(request, queryValues(request.query, ['archived', 'q']));
    const rows = records.map((record) => definition.columns.map((column) => column.cell(record)));
    return sendCsv(reply, definition.pluralTitle, [definition.columns.map((column) => column.heading), ...rows]);
  });

  app.get(`${route}/new`, { config: { access: access.manage }, schema: { params: scopeParams } }, async (request, reply) =>
    renderForm(request, reply, { record: null, values: definition.defaults?.(request) ?? {}, errors: null, version: null }),
  );

  app.post(route, manage, async (request, reply) => save(request, reply, null));

  if (!definition.customView) {
    app.get(`${route}/:id`, viewRecord, async (request, reply) => {
      const record = await service.get(scopeOf(request), request.params.id);
      const base = pathFor(basePath, request);
      const canManage = isAllowed(request.principal, access.manage, request.partnership);
      return pages.render(request, reply, 'records/show.njk', {
        title: definition.titleOf(record),
        noun: definition.noun,
        record,
        summary: definition.summary?.(record) ?? [],
        sections: ((await definition.sections?.(scopeOf(request), record, request)) ?? []).filter(
          (section) => canManage || !section.managersOnly,
        ),
        base,
        canManage,
        breadcrumbs: listCrumb(request),
      });
    });
  }

  app.get(`${route}/:id/edit`, viewRecordManage, async (request, reply) => {
    const record = await service.get(scopeOf(request), request.params.id);
    return renderForm(request, reply, {
      record,
      values: valuesFromRecord(fields, definition.formValues?.(record) ?? record),
      errors: null,
      version: record.version,
    });
  });

  app.post(`${route}/:id`, manageRecord, async (request, reply) => {
    const record = await service.get(scopeOf(request), request.params.id);
    return save(request, reply, record);
  });

  app.get(`${route}/:id/archive`, viewRecordManage, async (request, reply) => {
    const record = await service.get(scopeOf(request), request.params.id);
    const base = pathFor(basePath, request);
    return pages.render(request, reply, 'records/archive.njk', {
      title: `${record.archivedAt ? 'Restore' : 'Archive'} ${definition.noun}: ${definition.titleOf(record)}`,
      record,
      noun: definition.noun,
      action: `${base}/${record.id}/archive`,
      cancel: `${base}/${record.id}`,
      breadcrumbs: [...listCrumb(request), { text: definition.titleOf(record), href: `${base}/${record.id}` }],
    });
  });

  app.post(`${route}/:id/archive`, manageRecord, async (request, reply) => {
    const record = await service.get(scopeOf(request), request.params.id);
    const actor = principalOf(request);
    const base = pathFor(basePath, request);
    const done = await attempt(() =>
      service.setArchived(actor, scopeOf(request), record.id, versionOf(request.body), record.archivedAt === null),
    );
    if (!done.ok) {
      request.session.problem = Object.values(done.byField).join(' ');
      return reply.redirect(`${base}/${record.id}`);
    }
    request.session.flash = `${capitalise(definition.noun)} ${record.archivedAt ? 'restored' : 'archived'}`;
    return reply.redirect(`${base}/${record.id}`);
  });
}

function link(href: string, text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<a class="govuk-link" href="${href}">${escaped}</a>`;
}

function addText(noun: string): string {
  return `Add ${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
