/** The forms a page draws, read from its HTML: for tests that fill every form the app has. */

export interface ScrapedForm {
  action: string;
  /** Each field's name with the values the page offers (a text box's value; each radio's, checkbox's or option's). */
  fields: Record<string, string[]>;
  /** The name of the file input, on an upload form. */
  fileField: string | null;
}

const attribute = (tag: string, name: string): string | null => {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return found ? decode(found[1] ?? '') : null;
};

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function add(fields: Record<string, string[]>, name: string, value: string): void {
  const values = (fields[name] ??= []);
  if (!values.includes(value)) values.push(value);
}

/** The POST forms of a page. */
export function formsOn(html: string): ScrapedForm[] {
  const forms: ScrapedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, open = '', body = ''] = match;
    if ((attribute(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields: Record<string, string[]> = {};
    let fileField: string | null = null;
    for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(tag, 'name');
      if (!name) continue;
      if (attribute(tag, 'type') === 'file') fileField = name;
      else add(fields, name, attribute(tag, 'value') ?? '');
    }
    for (const [, open2 = '', text = ''] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attribute(open2, 'name');
      if (name) add(fields, name, decode(text));
    }
    for (const [, open2 = '', options = ''] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attribute(open2, 'name');
      if (!name) continue;
      for (const [option] of options.matchAll(/<option\b[^>]*>/g)) add(fields, name, attribute(option, 'value') ?? '');
    }
    forms.push({ action: attribute(open, 'action') ?? '', fields, fileField });
  }
  return forms;
}

/** The names a page's GET forms (filters, searches, pickers) put in the query string. */
export function queryKeysOn(html: string): string[] {
  const keys = new Set<string>();
  for (const [, open = '', body = ''] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if ((attribute(open, 'method') ?? 'get').toLowerCase() !== 'get') continue;
    for (const [tag] of body.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)) {
      const name = attribute(tag, 'name');
      if (name) keys.add(name);
    }
  }
  return [...keys];
}
