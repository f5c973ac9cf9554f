/**
 * Secrets Safer must keep but never show (a sign-in provider's client secret): sealed with AES-256-GCM under a key
 * derived from the session secret by HKDF, so a copy of the database alone does not give them away.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SecretBox {
  /** The text sealed: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
  seal(text: string): string;
  /** The text a seal holds; throws if it was sealed under another key or changed since. */
  open(sealed: string): string;
}

const ivBytes = 12;

/** `purpose` keeps keys for different uses apart, so one leaking says nothing of the others. */
export function createSecretBox(sessionSecret: string, purpose = 'safer stored secrets'): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', sessionSecret, 'safer', purpose, 32));
  return {
    seal(text) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) throw new Error('Not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
