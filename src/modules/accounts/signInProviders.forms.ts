/** How the sign-in provider forms look (the checks are in signInProviders.inputs.ts). */
import type { Field } from '../../web/forms.ts';

const secret = (adding: boolean): Field => ({
  name: 'clientSecret',
  label: 'Client secret',
  kind: 'password',
  hint: adding
    ? 'From the provider, with the client ID. It is stored encrypted and never shown again.'
    : 'Leave blank to keep the secret already saved. It is never shown.',
  autocomplete: 'off',
});

const fieldsFor = (adding: boolean): Field[] => [
  {
    name: 'name',
    label: 'Name',
    kind: 'text',
    hint: 'What people see on the sign-in page, like Leicestershire Police',
    autocomplete: 'off',
  },
  {
    name: 'issuer',
    label: 'Issuer URL',
    kind: 'text',
    hint: 'The provider’s address, like https://login.microsoftonline.com/your-tenant-id/v2.0',
    autocomplete: 'off',
  },
  { name: 'clientId', label: 'Client ID', kind: 'text', autocomplete: 'off' },
  secret(adding),
  {
    name: 'domains',
    label: 'Email domains',
    kind: 'textarea',
    rows: 3,
    hint: 'The part of people’s email addresses after the @ that this provider signs in, one on each line, like leics.police.uk',
  },
];

export const newProviderFields = fieldsFor(true);
export const providerFields = fieldsFor(false);
