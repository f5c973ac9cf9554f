/** What the sign-in provider forms take: no layout here (that is signInProviders.forms.ts). */
import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/inputs.ts';

/** Hosts where a provider may be reached over plain http: this machine only, as a test's provider is. */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The domains as typed (one a line, or split by commas or spaces), lower case, without a leading @, once each. */
export function domainsIn(typed: string): string[] {
  const domains = typed
    .split(/[\s,;]+/)
    .map((domain) => domain.trim().replace(/^@/, '').toLowerCase())
    .filter(Boolean);
  return [...new Set(domains)];
}

/** The domain of an e-mail address: what a provider must serve to vouch for it. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

const domains = requiredText('Enter the email domains this provider signs in, like leics.police.uk', 5000, 'Email domains').transform(
  (typed, context) => {
    const found = domainsIn(typed);
    const wrong = found.find((domain) => !domainPattern.test(domain));
    if (wrong) {
      context.addIssue({
        code: 'custom',
        message: `“${wrong.slice(0, 60)}” is not an email domain. Enter each domain like leics.police.uk, one on each line`,
      });
      return z.NEVER;
    }
    return found;
  },
);

/** The issuer's address: https, or http on this machine where that is allowed (tests and development). */
function issuer(allowLoopbackHttp: boolean) {
  const message = allowLoopbackHttp
    ? 'Enter the issuer URL, starting with https:// (or http:// for a provider on this computer)'
    : 'Enter the issuer URL, starting with https://';
  return requiredText('Enter the issuer URL, like https://login.example.gov.uk', 500, 'Issuer URL')
    .transform((typed) => typed.trim())
    .refine((typed) => {
      if (!URL.canParse(typed)) return false;
      const url = new URL(typed);
      if (url.username || url.password || url.search || url.hash) return false;
      return url.protocol === 'https:' || (allowLoopbackHttp && url.protocol === 'http:' && loopbackHosts.has(url.hostname));
    }, message);
}

/** A provider's details; the client secret is required when adding one, and left as it is when left blank on a change. */
export function signInProviderSchema(options: { allowLoopbackHttp: boolean; adding: boolean }) {
  return z.object({
    name: requiredText('Enter the name people will see, like Leicestershire Police', 100, 'Name').transform((typed) => typed.trim()),
    issuer: issuer(options.allowLoopbackHttp),
    clientId: requiredText('Enter the client ID the provider gave you', 500, 'Client ID').transform((typed) => typed.trim()),
    clientSecret: options.adding
      ? requiredText('Enter the client secret the provider gave you', 1000, 'Client secret')
      : optionalText(1000, 'Client secret'),
    domains,
  });
}
export type SignInProviderInput = z.output<ReturnType<typeof signInProviderSchema>>;
