/**
 * The minutes as a document, in the house style of the seeds: heading, who was present and who sent
 * apologies, numbered items with their minutes, decisions and **Action:** lines, and the chair's signature.
 * Built once; the printable page, the Word file and the PDF all show this.
 */
import { formatDate } from '../../platform/dates.ts';
import { plural } from '../../platform/numbers.ts';

export interface MinutesDocument {
  heading: string;
  when: string;
  status: string;
  publicVersion: boolean;
  /** On a copy that includes Part II business: that it is not for publication. */
  marking: string | null;
  /** On a copy without the Part II items: how many are left out, and who may read them. */
  leftOut: string | null;
  present: [string, string][];
  apologies: [string, string][];
  items: {
    number: number;
    title: string;
    note: string | null;
    paragraphs: { text: string; action?: string }[];
  }[];
  signature: string;
}

interface Facts {
  groupName: string;
  when: string;
  location: string;
  status: string;
  publicVersion: boolean;
  /** Part II items left out of this copy. */
  withheld: number;
  attendance: {
    members: {
      member: { personName: string; organisationName: string; role: string };
      status: string | null;
      substituteName: string | null;
    }[];
    inAttendance: { attendeeName: string | null; attendeeOrganisation: string | null }[];
    minuteTaker: { name: string; organisation: string | null } | null;
  };
  items: {
    number: number;
    title: string;
    confidential: boolean;
    confidentialReason: string | null;
    narrative: string;
    declarations: { personName: string; nature: string }[];
    decisions: { wording: string; standing: string }[];
    actions: { owner: string; description: string; dueDate: string | null }[];
  }[];
  signedBy: string | null;
  signedAt: string | null;
}

export function buildMinutesDocument(facts: Facts): MinutesDocument {
  const present: [string, string][] = [];
  const apologies: [string, string][] = [];
  // The chair heads the list, as in the seeds' minutes.
  const members = [...facts.attendance.members].sort((a, b) => Number(b.member.role === 'chair') - Number(a.member.role === 'chair'));
  for (const { member, status, substituteName } of members) {
    if (status === 'present') present.push([`${member.personName}${member.role === 'chair' ? ' (Chair)' : ''}`, member.organisationName]);
    if (status === 'substitute') present.push([`${substituteName ?? ''} (for ${member.personName})`, member.organisationName]);
    if (status === 'apologies') apologies.push([member.personName, member.organisationName]);
  }
  for (const other of facts.attendance.inAttendance)
    present.push([`${other.attendeeName ?? ''} (in attendance)`, other.attendeeOrganisation ?? '']);
  const { minuteTaker } = facts.attendance;
  if (minuteTaker) present.push([`${minuteTaker.name} (Minutes)`, minuteTaker.organisation ?? '']);
  const partTwo = facts.items.filter((item) => item.confidential).length;
  const { withheld } = facts;
  return {
    heading: facts.groupName.toUpperCase(),
    when: `${facts.when}, ${facts.location}`,
    status: facts.status,
    publicVersion: facts.publicVersion,
    marking:
      partTwo > 0 && !facts.publicVersion ? 'Confidential: this copy includes Part II (exempt) business and is not for publication.' : null,
    leftOut:
      withheld > 0
        ? `${plural(withheld, 'confidential (Part II) item is', 'confidential (Part II) items are')} left out: only the group’s members and the partnership’s officers may read ${withheld === 1 ? 'it' : 'them'}.`
        : null,
    present,
    apologies,
    items: facts.items
      .filter((item) => !(facts.publicVersion && item.confidential))
      .map((item) => ({
        number: item.number,
        title: item.title,
        note: item.confidential ? `Confidential (Part II): ${item.confidentialReason ?? ''}` : null,
        paragraphs: [
          ...item.declarations.map((d) => ({ text: `${d.personName} declared an interest: ${d.nature}` })),
          ...(item.narrative ? item.narrative.split(/\r?\n\r?\n/).map((text) => ({ text })) : []),
          ...item.decisions.map((d) => ({ text: `${d.wording} (${d.standing})` })),
          ...item.actions.map((a) => ({
            action: `Action: ${a.owner}`,
            text: ` – ${a.description}${a.dueDate ? `, by ${formatDate(a.dueDate)}` : ''}`,
          })),
        ],
      })),
    signature:
      facts.signedBy && facts.signedAt
        ? `Signed: ${facts.signedBy} (Chair), ${formatDate(facts.signedAt)}`
        : 'Signed: ………………………………………… (Chair)   Date: ………………………',
  };
}
