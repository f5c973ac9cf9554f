/**
 * The agenda's shape: standard items that every meeting has, and the sections in between — the
 * words of the seeds — then the Part II (confidential) items, taken after the public ones once the press
 * and public have left. Numbers are derived from the order, never typed.
 */
import type { AgendaSection } from '../../db/schema.ts';

export const sections = {
  opening: 'Opening business',
  decision: 'For decision or discussion',
  noting: 'To note',
  briefing: 'Briefings (discussed by exception)',
  closing: 'Closing business',
} as const satisfies Record<AgendaSection, string>;
export type Section = AgendaSection;
export type ItemSection = Exclude<Section, 'opening' | 'closing'>;
const sectionOrder = Object.keys(sections) as Section[];

/**
 * The items that appear by themselves, in order. An optional one can be taken off an agenda: not every
 * group has an item for declarations of interest (seed 000's agenda has none).
 */
export const standardItems: { key: string; section: 'opening' | 'closing'; title: string; optional?: boolean }[] = [
  { key: 'welcome', section: 'opening', title: 'Welcome, introductions and apologies' },
  { key: 'declarations', section: 'opening', title: 'Declarations of interest', optional: true },
  { key: 'minutes', section: 'opening', title: 'Minutes of the last meeting and matters arising' },
  { key: 'aob', section: 'closing', title: 'Any other business' },
  { key: 'next-meeting', section: 'closing', title: 'Date of next meeting' },
];

export interface AgendaEntry {
  id: string;
  section: string;
  position: number;
  /** A Part II item: not for publication. */
  confidential?: boolean;
}

/** The Part II items' place on the agenda: last, after every public item. */
export const partTwo = { section: 'partTwo', heading: 'Part II: confidential items, not for publication' } as const;

export interface NumberedSection<T> {
  section: Section | typeof partTwo.section;
  heading: string;
  items: (T & { number: number })[];
}

/** Which part an item is in, for ordering and moving: its section, or Part II. */
const partOf = (item: AgendaEntry) => (item.confidential ? partTwo.section : item.section);
const sectionThenPosition = (a: AgendaEntry, b: AgendaEntry) =>
  sectionOrder.indexOf(a.section as Section) - sectionOrder.indexOf(b.section as Section) || a.position - b.position;

/**
 * Puts the items in agenda order and numbers them 1, 2, 3 … across the sections: the public items by
 * section, then the Part II items (in their sections' order) as a last section, when there are any.
 */
export function numberAgenda<T extends AgendaEntry>(items: readonly T[]): NumberedSection<T>[] {
  let number = 0;
  const numbered = (list: readonly T[]) => [...list].sort(sectionThenPosition).map((item) => ({ ...item, number: ++number }));
  const publicSections = sectionOrder.map((section) => ({
    section,
    heading: sections[section],
    items: numbered(items.filter((item) => partOf(item) === section)),
  }));
  const confidential = items.filter((item) => item.confidential);
  return confidential.length ? [...publicSections, { ...partTwo, items: numbered(confidential) }] : publicSections;
}

/** The two items whose positions swap to move one item up or down its part of the agenda; null at either end. */
export function swapForMove<T extends AgendaEntry>(items: readonly T[], id: string, direction: 'up' | 'down'): [T, T] | null {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) return null;
  const inSection = items
    .filter((candidate) => candidate.section === item.section && partOf(candidate) === partOf(item))
    .sort((a, b) => a.position - b.position);
  const index = inSection.indexOf(item);
  const neighbour = inSection[direction === 'up' ? index - 1 : index + 1];
  return neighbour ? [item, neighbour] : null;
}

/** Whether an item can be taken off the agenda: any but the standard items every meeting has. */
export function isRemovable(item: { standardItem: string | null }): boolean {
  return !item.standardItem || standardItems.some((standard) => standard.key === item.standardItem && standard.optional);
}
