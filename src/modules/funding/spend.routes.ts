/** A quarter's spend return: typed in, one row per released allocation, or imported from a CSV file. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../platform/errors.ts';
import { formatMoney, plural, readPounds } from '../../platform/numbers.ts';
import { sendCsv } from '../../web/csv.ts';
import { attempt, errorsFor, type Field, type FormErrors, type TypedValues } from '../../web/forms.ts';
import { principalOf } from '../../web/permissions.ts';
import type { PageRenderer } from '../../web/render.ts';
import { formBody, uploadBody } from '../../web/schemas.ts';
import { uploadedCsv, withUpload } from '../../web/uploads.ts';
import { importFields, typedText } from './funding.forms.ts';
import {
  allocationHref,
  manage,
  type QuarterAddress,
  quarterParams,
  type YearAddress,
  yearCrumbs,
  yearHref,
  yearParams,
  yearSlug,
} from './funding.paths.ts';
import type { FundingRouteDependencies } from './funding.routes.ts';
import { beyondReasonField, type SpendInput } from './funding.service.ts';
import { beyondWords, spendBeyondAllocation } from './position.ts';
import { byReference, quarterName, typedPounds } from './funding.views.ts';

const beyondConfirmField = 'beyondAllocationConfirmed';
const beyondFields: Field[] = [
  { name: beyondReasonField, label: 'Reason for spending beyond the allocation', kind: 'textarea' },
  { name: beyondConfirmField, label: 'Confirm the spend beyond the allocation', kind: 'yesNo' },
];

export function registerSpendRoutes(instance: FastifyInstance, pages: PageRenderer, { funding }: FundingRouteDependencies): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  // A quarter's spend return, typed in: one row per released allocation.
  const spentName = (id: string) => `spent-${id}`;
  const forecastName = (id: string) => `forecast-${id}`;
  async function renderSpend(
    request: FastifyRequest,
    reply: FastifyReply,
    address: QuarterAddress,
    state: { values: TypedValues | null; errors: FormErrors | null; beyond?: string | null },
  ) {
    const { partnershipId, year, q: quarter } = address;
    const fundingYear = await funding.year(partnershipId, year);
    // Spend cannot be returned for a quarter still to come.
    if (!fundingYear.begun.includes(quarter)) throw new NotFoundError('quarter');
    if (state.errors) reply.code(400);
    const released = fundingYear.allocations.filter((a) => a.state === 'released').sort(byReference);
    const href = `${yearHref(address)}/spend/q${quarter}`;
    return pages.render(request, reply, 'funding/views/spend.njk', {
      title: `Spend for ${quarterName(quarter, year)}`,
      rows: released.map((allocation) => {
        const entry = allocation.spend.find((candidate) => candidate.quarter === quarter);
        const spent = spentName(allocation.id);
        const forecast = forecastName(allocation.id);
        return {
          reference: allocation.reference,
          purpose: allocation.purpose,
          href: allocationHref(address, allocation.id),
          allocated: formatMoney(allocation.amount),
          spent: {
            name: spent,
            value: state.values ? (state.values[spent] ?? '') : typedPounds(entry?.spent),
            error: state.errors?.byField[spent],
          },
          forecast: {
            name: forecast,
            value: state.values ? (state.values[forecast] ?? '') : typedPounds(entry?.forecast),
            error: state.errors?.byField[forecast],
          },
        };
      }),
      errors: state.errors,
      // Asked for once a return would take spend past an allocation, and kept while the page comes back.
      beyond:
        state.beyond || state.values?.[beyondReasonField] || state.errors?.byField[beyondReasonField]
          ? {
              warning: state.beyond ?? null,
              reason: {
                name: beyondReasonField,
                value: state.values?.[beyondReasonField] ?? '',
                error: state.errors?.byField[beyondReasonField],
              },
              confirm: {
                name: beyondConfirmField,
                checked: state.values?.[beyondConfirmField] === 'yes',
                error: state.errors?.byField[beyondConfirmField],
              },
            }
          : null,
      action: href,
      template: `${href}/template.csv`,
      importHref: `${yearHref(address)}/spend-import`,
      cancel: yearHref(address),
      breadcrumbs: yearCrumbs(request, address),
    });
  }
  app.get('/:year/spend/:q', { config: manage, schema: { params: quarterParams } }, (request, reply) =>
    renderSpend(request, reply, request.params, { values: null, errors: null }),
  );
  app.post('/:year/spend/:q', { config: manage, schema: { params: quarterParams, body: formBody } }, async (request, reply) => {
    const { partnershipId, year, q: quarter } = request.params;
    const body = request.body;
    const fundingYear = await funding.year(partnershipId, year);
    if (!fundingYear.begun.includes(quarter)) throw new NotFoundError('quarter');
    const released = fundingYear.allocations.filter((a) => a.state === 'released').sort(byReference);
    const fields: Field[] = [];
    const values: TypedValues = {};
    const byField: Record<string, string> = {};
    const entries: SpendInput[] = [];
    const amount = (name: string, what: string): number | null => {
      const read = readPounds(values[name] ?? '');
      if ('problem' in read) byField[name] = `${what}: ${read.problem}`;
      else if (read.pence < 0) byField[name] = `${what} cannot be less than £0`;
      else return read.pence;
      return null;
    };
    for (const allocation of released) {
      const spent = spentName(allocation.id);
      const forecast = forecastName(allocation.id);
      fields.push({ name: spent, label: 'Spent', kind: 'money' }, { name: forecast, label: 'Forecast', kind: 'money' });
      values[spent] = typedText(body, spent);
      values[forecast] = typedText(body, forecast);
      // A row left blank is left as it is.
      if (!values[spent] && !values[forecast]) continue;
      if (!values[spent]) {
        byField[spent] = `Enter what was spent on allocation ${allocation.reference} in the quarter, or 0 if nothing was spent`;
        continue;
      }
      const spentPence = amount(spent, `Allocation ${allocation.reference}, spent in the quarter`);
      const forecastPence = values[forecast] ? amount(forecast, `Allocation ${allocation.reference}, forecast for the year`) : null;
      if (spentPence !== null) entries.push({ allocationId: allocation.id, spent: spentPence, forecast: forecastPence });
    }
    values[beyondReasonField] = typedText(body, beyondReasonField);
    values[beyondConfirmField] = typedText(body, beyondConfirmField);
    fields.push(...beyondFields);
    const refuse = (problems: Record<string, string>, beyond: string | null = null) =>
      renderSpend(request, reply, request.params, { values, errors: errorsFor(fields, problems), beyond });
    if (Object.keys(byField).length) return refuse(byField);
    // Spend past an allocation comes back first with a warning, and is saved only with the reason and its confirmation.
    const beyond = entries
      .map((entry) => {
        const allocation = released.find((candidate) => candidate.id === entry.allocationId);
        return allocation ? spendBeyondAllocation(allocation, quarter, entry.spent) : null;
      })
      .filter((over) => over !== null);
    const reason = values[beyondReasonField] ?? '';
    if (beyond.length > 0) {
      const warning = `This return takes ${beyondWords(beyond)}.`;
      const problems: Record<string, string> = {};
      if (!reason) problems[beyondReasonField] = 'Enter the reason for spending beyond the allocation';
      else if (reason.length > 1000) problems[beyondReasonField] = 'The reason must be 1,000 characters or fewer';
      if (values[beyondConfirmField] !== 'yes') problems[beyondConfirmField] = 'Confirm the spend beyond the allocation is right';
      if (Object.keys(problems).length) return refuse(problems, warning);
    }
    // Every row left blank saves nothing: said above the form, leading to the first row's input.
    if (!entries.length) {
      const errors = errorsFor(fields, {});
      const [first] = released;
      errors.summary.push({
        text: 'Enter the spend for at least one allocation',
        href: first ? `#${spentName(first.id)}` : '#main-content',
      });
      return renderSpend(request, reply, request.params, { values, errors });
    }
    const saved = await attempt(() =>
      funding.saveSpend(principalOf(request), partnershipId, year, quarter, entries, beyond.length > 0 ? reason : null),
    );
    if (!saved.ok) return refuse(saved.byField);
    request.session.flash = `Spend for ${quarterName(quarter, year)} saved: ${plural(entries.length, 'allocation', 'allocations')}`;
    return reply.redirect(yearHref(request.params));
  });

  app.get('/:year/spend/:q/template.csv', { config: manage, schema: { params: quarterParams } }, async (request, reply) => {
    const { partnershipId, year, q: quarter } = request.params;
    const rows = await funding.spendTemplate(partnershipId, year, quarter);
    return sendCsv(reply, `${request.partnership?.shortName ?? 'Partnership'} spend Q${quarter} ${yearSlug(year)}`, rows);
  });

  // The import: a CSV of spend, checked row by row; nothing is imported from a file with problems unless asked.
  async function renderImport(
    request: FastifyRequest,
    reply: FastifyReply,
    address: YearAddress,
    state: { errors: FormErrors | null; problems: { line: number; message: string }[]; importValidRows: boolean },
  ) {
    const fundingYear = await funding.year(address.partnershipId, address.year);
    if (state.errors) reply.code(400);
    const href = yearHref(address);
    return pages.render(request, reply, 'funding/views/import.njk', {
      title: `Import spend from a CSV file: ${fundingYear.grant.yearLabel}`,
      year: fundingYear.grant.yearLabel,
      // Only quarters that have begun: spend cannot be returned for one still to come.
      templates: fundingYear.begun.map((quarter) => ({ text: `Quarter ${quarter}`, href: `${href}/spend/q${quarter}/template.csv` })),
      ...state,
      action: `${href}/spend-import`,
      cancel: href,
      breadcrumbs: yearCrumbs(request, address),
    });
  }
  app.get('/:year/spend-import', { config: manage, schema: { params: yearParams } }, (request, reply) =>
    renderImport(request, reply, request.params, { errors: null, problems: [], importValidRows: false }),
  );
  withUpload(instance, 5 * 1024 * 1024, (scope) => {
    const uploads = scope.withTypeProvider<ZodTypeProvider>();
    uploads.post('/:year/spend-import', { config: manage, schema: { params: yearParams, body: uploadBody } }, async (request, reply) => {
      const { partnershipId, year } = request.params;
      const body = request.body;
      const importValidRows = body.importValidRows === 'yes';
      // The problem with the file, then each bad row by its line: in the summary, and next to the file input.
      const refuse = (message: string, problems: { line: number; message: string }[] = []) => {
        const errors = errorsFor(importFields, { file: message });
        errors.summary.push(...problems.map((problem) => ({ text: `Line ${problem.line}: ${problem.message}`, href: '#file' })));
        return renderImport(request, reply, request.params, { errors, problems, importValidRows });
      };
      const upload = uploadedCsv(body, 'file', '5 MB');
      if ('problem' in upload) return refuse(upload.problem);
      const result = await funding.importSpend(principalOf(request), partnershipId, year, upload.text, importValidRows);
      if (result.fileProblem) return refuse(result.fileProblem);
      const badRows = new Set(result.problems.map((problem) => problem.line)).size;
      if (result.imported === 0) {
        if (!badRows) return refuse('The file has no spend in it');
        const rows = badRows === 1 ? 'a row' : `${badRows} rows`;
        return refuse(
          `The file has ${rows} with problems, so nothing was imported. Correct the file and select it again.`,
          result.problems,
        );
      }
      const left = badRows ? ` ${plural(badRows, 'row', 'rows')} with problems ${badRows === 1 ? 'was' : 'were'} left out.` : '';
      request.session.flash = `${plural(result.imported, 'spend return', 'spend returns')} imported.${left}`;
      if (result.problems.length) request.session.problem = result.problems.map((p) => `Line ${p.line}: ${p.message}`).join('\n');
      return reply.redirect(yearHref(request.params));
    });
  });
}
