import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberAgenda, standardItems, swapForMove } from './agenda.ts';

const item = (id: string, section: string, position: number) => ({ id, section, position });

describe('numberAgenda', () => {
  it('numbers the standard items around the sections, in order', () => {
    const standard = standardItems.map((s, index) => item(s.key, s.section, index));
    const agenda = numberAgenda([...standard, item('dppo', 'decision', 2), item('review', 'decision', 1), item('crime', 'noting', 1)]);
    const numbered = agenda.flatMap((section) => section.items.map((i) => `${i.number} ${i.id}`));
    assert.deepEqual(numbered, ['1 welcome', '2 declarations', '3 minutes', '4 review', '5 dppo', '6 crime', '7 aob', '8 next-meeting']);
    assert.deepEqual(
      agenda.map((section) => section.heading),
      ['Opening business', 'For decision or discussion', 'To note', 'Briefings (discussed by exception)', 'Closing business'],
    );
  });
});

describe('swapForMove', () => {
  const items = [item('a', 'decision', 1), item('b', 'decision', 2), item('c', 'noting', 1)];
  it('swaps with the neighbour in the same section', () => {
    assert.deepEqual(
      swapForMove(items, 'b', 'up')?.map((i) => i.id),
      ['b', 'a'],
    );
  });
  it('does nothing at either end of a section', () => {
    assert.equal(swapForMove(items, 'a', 'up'), null);
    assert.equal(swapForMove(items, 'b', 'down'), null, 'c is in another section');
  });
});

describe('Part II items', () => {
  const entry = (id: string, section: string, position: number, confidential = false) => ({ id, section, position, confidential });
  const items = [
    ...standardItems.map((s, index) => entry(s.key, s.section, index)),
    entry('family', 'decision', 1, true),
    entry('review', 'decision', 2),
    entry('case', 'opening', 9, true),
    entry('crime', 'noting', 1),
    entry('premises', 'decision', 3, true),
  ];

  it('come last, after the closing business, in their sections’ order, numbered on from the public items', () => {
    const agenda = numberAgenda(items);
    const numbered = agenda.flatMap((section) => section.items.map((i) => `${i.number} ${i.id}`));
    assert.deepEqual(numbered, [
      '1 welcome',
      '2 declarations',
      '3 minutes',
      '4 review',
      '5 crime',
      '6 aob',
      '7 next-meeting',
      '8 case',
      '9 family',
      '10 premises',
    ]);
    assert.equal(agenda.at(-1)?.heading, 'Part II: confidential items, not for publication');
  });

  it('move among themselves, not past a public item of their section', () => {
    assert.equal(swapForMove(items, 'review', 'up'), null, 'the Part II item above it in its section is in another part');
    assert.deepEqual(
      swapForMove(items, 'premises', 'up')?.map((i) => i.id),
      ['premises', 'family'],
    );
  });
});
