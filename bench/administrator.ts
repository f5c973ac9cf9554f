/** The benches' administrator: an account made for the run and signed in through the sign-in form, as a person would. */
import type { FastifyInstance } from 'fastify';
import type { Container } from '../src/container.ts';
import { systemPrincipal } from '../src/platform/principal.ts';
import { Browser } from '../test/helpers/app.ts';

/** Signed in as the bench's administrator; the cookie too, for a load generator to send. */
export async function signedInAdministrator(container: Container, app: FastifyInstance): Promise<{ browser: Browser; cookie: string }> {
  const email = 'bench@example.com';
  const password = 'bench password 1';
  await container.accounts.createUser(systemPrincipal, { email, name: 'Bench', password, isAdmin: true });
  const browser = new Browser(app);
  const signedIn = await browser.signIn(email, password);
  const cookie = (signedIn.cookies as { name: string; value: string }[]).map(({ name, value }) => `${name}=${value}`).join('; ');
  return { browser, cookie };
}
