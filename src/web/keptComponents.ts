import type nunjucks from 'nunjucks';

/** What a macro returns: Nunjucks' marked-safe string, which has a length as a string has. */
type Markup = { length: number };
type Macro = (...args: unknown[]) => Markup;
type Exported = Record<string, unknown>;
type ExportedCallback = (error: Error | null, exported: Exported | null) => void;
interface ImportableTemplate {
  path?: string;
  getExported(...args: unknown[]): void;
}

/**
 * How much drawn markup is kept, in characters of keys and markup together (about 32 MB at most): a busy hour's
 * headers, filter forms and summary lists. A component larger than a hundredth of it is drawn each time.
 */
export const keptComponentsCharacters = 16_000_000;

/**
 * The key of a call, or null when it cannot be told from its arguments: a `{% call %}` block's caller, given among
 * the keyword arguments, is a function. GOV.UK's components call no other function they are given.
 */
function keyOfCall(args: unknown[]): string | null {
  const isFunction = (value: unknown) => typeof value === 'function';
  const withFunction = args.some(
    (arg) => isFunction(arg) || (arg !== null && typeof arg === 'object' && Object.values(arg).some(isFunction)),
  );
  return withFunction ? null : JSON.stringify(args);
}

/**
 * GOV.UK Frontend's components, each drawn once for the same parameters. Their macros are slow (each runs
 * `govukAttributes`, itself a macro, for every item) and pure: what a component draws depends only on its
 * parameters, as it sees none of the page's context. So a page's header, filter form or summary list, drawn for
 * the same parameters by request after request, is drawn once and kept (bounded, the least used dropped).
 *
 * Nunjucks would run a macro file again at each `{% from … import %}` of each render: a component's file is run
 * once, its macros wrapped, and those given to every import of it (an import `with context` is left as it was).
 */
export function keepComponents(environment: nunjucks.Environment, atMost = keptComponentsCharacters): void {
  const drawn = new Map<string, { output: Markup; size: number }>();
  let characters = 0;
  const remember = (key: string, output: Markup) => {
    const size = key.length + output.length;
    if (size > atMost / 100) return output;
    drawn.set(key, { output, size });
    characters += size;
    for (const [oldest, kept] of drawn) {
      if (characters <= atMost) break;
      drawn.delete(oldest);
      characters -= kept.size;
    }
    return output;
  };
  const keptMacro =
    (name: string, macro: Macro): Macro =>
    (...args: unknown[]) => {
      const call = keyOfCall(args);
      if (call === null) return macro(...args);
      const key = `${name} ${call}`;
      const found = drawn.get(key);
      if (!found) return remember(key, macro(...args));
      // Used again: to the back of the queue (a Map keeps its keys in the order they were added).
      drawn.delete(key);
      drawn.set(key, found);
      return found.output;
    };
  const wrapped = new WeakSet<object>();
  const wrap = (template: unknown) => {
    const importable = template as ImportableTemplate | null;
    if (!importable?.path?.includes('/govuk/components/') || wrapped.has(importable)) return template;
    wrapped.add(importable);
    const run = importable.getExported.bind(importable);
    let macros: Exported | null = null;
    importable.getExported = (...args: unknown[]) => {
      const [callback] = args;
      if (args.length !== 1 || typeof callback !== 'function') return run(...args);
      const done = callback as ExportedCallback;
      if (macros) return done(null, macros);
      run((error: Error | null, exported: Exported | null) => {
        if (error || !exported) return done(error, exported);
        const entries = Object.entries(exported).map(([name, value]) => [
          name,
          typeof value === 'function' ? keptMacro(name, value as Macro) : value,
        ]);
        macros = Object.fromEntries(entries) as Exported;
        done(null, macros);
      });
    };
    return template;
  };
  const getTemplate = environment.getTemplate.bind(environment) as (...args: unknown[]) => unknown;
  // Nunjucks calls getTemplate(name, eagerCompile, parentName, ignoreMissing, callback), the callback optional.
  (environment as unknown as { getTemplate: (...args: unknown[]) => unknown }).getTemplate = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback !== 'function') return wrap(getTemplate(...args));
    args[last] = (error: Error | null, template: unknown) => (callback as (e: Error | null, t: unknown) => void)(error, wrap(template));
    return getTemplate(...args);
  };
}
