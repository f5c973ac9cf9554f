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
