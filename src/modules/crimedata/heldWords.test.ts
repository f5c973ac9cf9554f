import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heldNoticeWords } from './heldWords.ts';

describe('heldNoticeWords', () => {
  it('names the overseers the notice went to', () => {
    assert.equal(
      heldNoticeWords({ addressed: [{ name: 'Olive Stone', email: 'olive@example.org' }], withoutAddress: [] }),
      'The area’s overseers were told by e-mail. E-mailed 1 person: Olive Stone.',
    );
  });

  it('says nobody was told when the area has no overseer, and who decides instead', () => {
    assert.equal(
      heldNoticeWords({ addressed: [], withoutAddress: [] }),
      'Nobody was e-mailed. The area has no overseer in Safer, so an administrator of Safer decides instead.',
    );
  });
});
