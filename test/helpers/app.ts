/** An app on a real database, driven through app.inject, with a cookie jar and CSRF tokens like a browser. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Config } from '../../src/config.ts';

export const testConfig: Config = {
  environment: 'test',
  port: 0,
  host: '127.0.0.1',
  dataDir: '',
  databaseUrl: null,
  sessionSecret: 'a-test-secret-that-is-at-least-32-characters-long',
  trustProxy: false,
  smtpUrl: null,
  mailFrom: 'Safer <safer@example.org>',
  publicUrl: 'http://localhost:3000',
  mapTiles: null,
  logLevel: 'warn',
  privacyContact: 'the partnership officer of your Community Safety Partnership',
};

export interface UploadFile {
  name: string;
  content: Buffer;
  field?: string;
  type?: string;
}

export class Browser {
  private cookies = new Map<string, string>();
  readonly app: FastifyInstance;
  /** Sent with every request, e.g. x-forwarded-proto to stand for a TLS-terminating proxy. */
  private readonly extraHeaders: Record<string, string>;

  constructor(app: FastifyInstance, extraHeaders: Record<string, string> = {}) {
    this.app = app;
    this.extraHeaders = extraHeaders;
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string }[]) this.cookies.set(cookie.name, cookie.value);
    return response;
  }

  /** The cookies held, as a Cookie header: for a request made outside the app's inject (a raw socket). */
  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** `headers` for this request alone, e.g. an Accept header asking for JSON. */
  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: { ...this.extraHeaders, ...headers, cookie: this.cookieHeader } }),
    );
  }

  /** The CSRF token the app put in the last form it served to this browser. */
  /** The CSRF token of this browser's session: from the page's meta tag when signed in, else from the sign-in form. */
  async csrfToken(url = '/'): Promise<string> {
    const page = await this.get(url);
    const token =
      /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)?.[1] ??
      /name="_csrf" value="([^"]+)"/.exec((await this.get('/sign-in')).body)?.[1];
    if (!token) throw new Error(`No CSRF token on ${url} or /sign-in (status ${page.statusCode})`);
    return token;
  }

  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { csrf?: boolean; tokenFrom?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
    if (options.csrf !== false) body.append('_csrf', await this.csrfToken(options.tokenFrom));
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { ...this.extraHeaders, cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  /** A multipart form with a file (or several), as a browser sends an upload (its CSRF token among the fields). */
  async upload(
    url: string,
    fields: Record<string, string>,
    files: UploadFile | UploadFile[],
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const boundary = `safer-${randomBytes(8).toString('hex')}`;
    const all = { ...fields, ...(options.csrf === false ? {} : { _csrf: await this.csrfToken() }) };
    const payload = Buffer.concat([
      ...Object.entries(all).map(([name, value]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      ),
      ...[files]
        .flat()
        .flatMap((file) => [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
              `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
          ),
          file.content,
          Buffer.from('\r\n'),
        ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { ...this.extraHeaders, cookie: this.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` },
      }),
    );
  }

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 302) throw new Error(`Sign-in failed for ${email}: ${response.statusCode}`);
    return response;
  }
}
