/**
 * The signed token of an e-mail's unsubscribe link: whose notices (a person, in a partnership), of what kind, for
 * which group. It needs no sign-in, so it must not be guessable or alterable: an HMAC-SHA256 over its content, with
 * a key derived from the session secret (so the secret itself signs nothing outside sessions), checked in constant
 * time. It does not expire: an old e-mail's link must still stop the e-mails.
 *
 * Compact, to fit one path segment (the router takes at most 100 characters): the ids (the app's UUIDs) as their
 * 16 bytes, and the MAC cut to its first 128 bits, as RFC 2104 allows.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { noticeKinds, type NoticeKind } from './noticeAudience.ts';

export interface UnsubscribeScope {
  partnershipId: string;
  personId: string;
  /** 'all' stops every notice to the person (the link of a weekly digest). */
  kind: NoticeKind | 'all';
  groupId: string | null;
}

export interface UnsubscribeTokens {
  sign(scope: UnsubscribeScope): string;
  /** The scope, or null when the token was not made here (altered, cut short, or made up). */
  verify(token: string): UnsubscribeScope | null;
}

const kinds = [...noticeKinds, 'all'] as const;
const macBytes = 16;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidBytes = (id: string) => {
  if (!uuid.test(id)) throw new Error(`Not an id the app makes: ${id}`);
  return Buffer.from(id.replaceAll('-', ''), 'hex');
};
const uuidOf = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export function unsubscribeTokens(sessionSecret: string): UnsubscribeTokens {
  const key = createHmac('sha256', sessionSecret).update('safer unsubscribe links').digest();
  const mac = (content: Buffer) => createHmac('sha256', key).update(content).digest().subarray(0, macBytes);
  return {
    sign(scope) {
      const content = Buffer.concat([
        Buffer.from([kinds.indexOf(scope.kind)]),
        uuidBytes(scope.partnershipId),
        uuidBytes(scope.personId),
        ...(scope.groupId ? [uuidBytes(scope.groupId)] : []),
      ]);
      return `${content.toString('base64url')}.${mac(content).toString('base64url')}`;
    },
    verify(token) {
      const [encoded, signature, ...rest] = token.split('.');
      if (!encoded || !signature || rest.length > 0) return null;
      const content = Buffer.from(encoded, 'base64url');
      const given = Buffer.from(signature, 'base64url');
      // Only the one spelling: base64's spare low bits would otherwise let an altered token read the same.
      if (content.toString('base64url') !== encoded || given.toString('base64url') !== signature) return null;
      if (given.length !== macBytes || !timingSafeEqual(given, mac(content))) return null;
      const kind = kinds[content[0] ?? -1];
      if (!kind || (content.length !== 33 && content.length !== 49)) return null;
      return {
        kind,
        partnershipId: uuidOf(content.subarray(1, 17)),
        personId: uuidOf(content.subarray(17, 33)),
        groupId: content.length === 49 ? uuidOf(content.subarray(33, 49)) : null,
      };
    },
  };
}
