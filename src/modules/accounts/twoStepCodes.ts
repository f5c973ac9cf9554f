/**
 * Two-step sign-in's codes (docs/decisions/0036-two-step-sign-in.md): TOTP (RFC 6238: 6 digits, 30-second steps,
 * SHA-1, as every authenticator app reads them), the secret sealed at rest with AES-256-GCM, and single-use
 * recovery codes kept only as keyed hashes. Both keys are derived from the session secret with HKDF, so a copy of
 * the database alone opens no secret and matches no recovery code.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const twoStepPeriodSeconds = 30;
export const recoveryCodeCount = 10;
/** Recovery codes: letters and digits that cannot be mistaken for one another when read from paper. */
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
const recoveryCodeLength = 10;

export interface TwoStepKeys {
  seal(secret: string): string;
  /** The secret sealed by `seal` with the same session secret; null if it was sealed with another (or altered). */
  open(sealed: string): string | null;
  hashRecoveryCode(code: string): string;
}

export function twoStepKeys(sessionSecret: string): TwoStepKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', sessionSecret, 'safer two-step sign-in', purpose, 32));
  const sealKey = derive('authenticator secrets');
  const codeKey = derive('recovery codes');
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
    },
    open(sealed) {
      const [iv = '', tag = '', body = ''] = sealed.split('.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealKey, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
    hashRecoveryCode: (code) => createHmac('sha256', codeKey).update(normaliseRecoveryCode(code)).digest('base64url'),
  };
}

const totpOf = (secret: string, label = 'Safer') =>
  new TOTP({ issuer: 'Safer', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: twoStepPeriodSeconds });

/** A new authenticator secret: 160 random bits (RFC 4226's recommended length), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The address an authenticator app reads from the QR code. */
export function totpAddress(secret: string, accountName: string): string {
  return totpOf(secret, accountName).toString();
}

/** The secret in groups of four, easier to read aloud or type than 32 letters at once. */
export function groupedSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/** Spaces and hyphens are how people copy codes, and not part of them. */
const withoutSpacing = (code: string) => code.replace(/[\s-]/g, '');

export const isTotpCode = (code: string) => /^\d{6}$/.test(withoutSpacing(code));

/**
 * The 30-second step whose code was entered, accepting the step before and after now for a phone's clock that
 * drifts; null if the code is none of the three.
 */
export function stepOfCode(secret: string | null, code: string, now: Date): number | null {
  const token = withoutSpacing(code);
  if (secret === null || !isTotpCode(token)) return null;
  const totp = totpOf(secret);
  const timestamp = now.getTime();
  const delta = totp.validate({ token, timestamp, window: 1 });
  return delta === null ? null : totp.counter({ timestamp }) + delta;
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Ten recovery codes of about 49 random bits each, written as two groups of five. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const characters = Array.from({ length: recoveryCodeLength }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('');
    return `${characters.slice(0, 5)}-${characters.slice(5)}`;
  });
}

/** Who may be required to use two-step sign-in: an account's roles, as the rule below reads them. */
export interface TwoStepAccount {
  isAdmin: boolean;
  /** The partnerships the account holds a role in. */
  partnershipIds: Iterable<string>;
  /** The areas it oversees (an overseer reads every partnership in its area). */
  areaIds: Iterable<string>;
}

/** Where two-step sign-in is required: the partnerships chosen by an administrator, and their areas. */
export interface TwoStepRequirements {
  partnershipIds: ReadonlySet<string>;
  areaIds: ReadonlySet<string>;
}

/**
 * Whether an account must use two-step sign-in: the one rule. An account that can read a partnership which
 * requires it must; an administrator, who can read every partnership, must once any partnership requires it.
 * The cases module's role (every account that will see cases must) is to be added here.
 */
export function mustUseTwoStep(account: TwoStepAccount, required: TwoStepRequirements): boolean {
  if (account.isAdmin) return required.partnershipIds.size > 0;
  return (
    [...account.partnershipIds].some((id) => required.partnershipIds.has(id)) || [...account.areaIds].some((id) => required.areaIds.has(id))
  );
}
