import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracyMethod, predictionAccuracy } from './accuracy.ts';
import { counts, lsoas, publishedMonths, riverside, townCentre } from './threeLsoas.data.ts';

const area = { counts, lsoas, publishedMonths };
const close = (actual: number | null | undefined, expected: number): void =>
  assert.ok(actual != null && Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

describe('how well last month’s hotspots foretold this month', () => {
  it('gives the hit rate, area share and PAI of the top LSOA', () => {
    // September 2024's top LSOA: Town Centre (10). October 2024: 10 of the area's 21 crimes were there.
    // Hit rate 10 / 21 = 47.62%; area share 1 of 3 LSOAs = 33.33%; PAI 47.62 / 33.33 = 10 / 7 = 1.43.
    const accuracy = predictionAccuracy({ ...area, month: '2024-10', top: 1 });
    assert.deepEqual(accuracy?.hotspots, [townCentre]);
    assert.equal(accuracy?.crimesInHotspots, 10);
    assert.equal(accuracy?.totalCrimes, 21);
    close(accuracy?.hitRatePercent, 1000 / 21);
    close(accuracy?.areaSharePercent, 100 / 3);
    close(accuracy?.pai, 10 / 7);
    assert.equal(accuracy?.method, accuracyMethod(1));
  });

  it('of one crime type counts only that type', () => {
    // Burglary: September's top LSOA is Riverside (4), which holds all 8 of October's. 100% of crime in a third of the area: PAI 3.
    const accuracy = predictionAccuracy({ ...area, month: '2024-10', top: 1, crimeType: 'Burglary' });
    assert.deepEqual(accuracy?.hotspots, [riverside]);
    close(accuracy?.hitRatePercent, 100);
    close(accuracy?.pai, 3);
  });

  it('takes every LSOA with crime as the whole area: PAI 1', () => {
    const accuracy = predictionAccuracy({ ...area, month: '2024-10', top: 5 });
    assert.equal(accuracy?.hotspots.length, 3);
    close(accuracy?.areaSharePercent, 100);
    close(accuracy?.pai, 1);
  });

  it('is null when this month or last month was not published', () => {
    assert.equal(predictionAccuracy({ ...area, month: '2024-04', top: 1 }), null);
    assert.equal(predictionAccuracy({ ...area, month: '2024-03', top: 1 }), null);
  });

  it('has no hit rate or PAI when there was no crime', () => {
    assert.deepEqual(predictionAccuracy({ ...area, month: '2024-10', top: 1, crimeType: 'Robbery' }), {
      hotspots: [],
      crimesInHotspots: 0,
      totalCrimes: 0,
      hitRatePercent: null,
      areaSharePercent: 0,
      pai: null,
      method: accuracyMethod(1),
    });
  });

  it('says each LSOA counts as an equal share of the area', () => {
    assert.match(accuracyMethod(10), /Last month's 10 LSOAs.*equal share.*boundaries.*not loaded/s);
  });
});
