/** The area's crime comparison as its page and CSV download say it: pure, the route renders what this gives. */
import { digits, formatPercentChange, signedChange } from '../../platform/numbers.ts';
import { floorAtZero, limits, noFigures, notHeld, ogl, onsSource, plainRate, positionOf, rate } from '../crimedata/index.ts';
import type { AreaCrimeComparison, AreaPartnershipRow } from './areaComparison.ts';

const count = (value: number | null) => (value === null ? noFigures : digits(value, 0));
const change = (row: Pick<AreaPartnershipRow, 'change' | 'crimes'>) =>
  row.crimes === null ? noFigures : row.change === null ? notHeld : signedChange(row.change, digits(Math.abs(row.change), 0), 'No change');
const plain = (value: number | null) => (value === null ? '' : String(value));

/** Each partnership's row in words, then the area's. */
export function areaRows(comparison: AreaCrimeComparison) {
  const rows = comparison.rows.map((row) => ({
    partnershipId: row.partnershipId,
    name: row.name,
    crimes: count(row.crimes),
    crimesWithoutAsb: count(row.crimesWithoutAsb),
    per1000: rate(row.per1000, noFigures),
    earlier: row.crimes === null ? noFigures : row.earlier === null ? notHeld : digits(row.earlier, 0),
    change: change(row),
    changePercent:
      row.crimes === null || row.change === null ? '' : row.changePercent === null ? '' : formatPercentChange(row.changePercent),
    position: positionOf(row.position),
    position2: positionOf(row.position2),
  }));
  const { total, group } = comparison;
  return {
    rows,
    total: {
      crimes: count(total.crimes),
      crimesWithoutAsb: count(total.crimesWithoutAsb),
      residents: count(total.population),
      per1000: rate(total.per1000, noFigures),
      earlier: total.crimes === null ? noFigures : total.earlier === null ? notHeld : digits(total.earlier, 0),
      change: total.change === null ? notHeld : signedChange(total.change, digits(Math.abs(total.change), 0), 'No change'),
      changePercent: total.changePercent === null ? '' : formatPercentChange(total.changePercent),
    },
    average:
      group.known === 0
        ? `${noFigures}: no partnership of the area has figures for the whole period`
        : `${rate(group.average, noFigures)} crimes per 1,000 residents: the average of ${group.known === 1 ? 'the 1 partnership’s rate' : `the ${group.known} partnerships’ rates`}`,
    limits: limits(group.lowerLimit, group.upperLimit),
    limits2: limits(group.lowerLimit2, group.upperLimit2),
  };
}

export function areaCsv(comparison: AreaCrimeComparison): string[][] {
  const { group, total } = comparison;
  return [
    [
      'Period',
      'Partnership',
      'Crimes',
      'Crimes except anti-social behaviour',
      'Residents',
      'Crimes per 1,000 residents',
      comparison.earlierPeriod.label,
      'Change',
      'Change (%)',
      'Against the area average (1 SD)',
      'Against the area average (2 SD)',
    ],
    ...comparison.rows.map((row) => [
      comparison.period.label,
      row.name,
      plain(row.crimes),
      plain(row.crimesWithoutAsb),
      plain(row.population),
      plainRate(row.per1000),
      row.crimes !== null && row.earlier === null ? notHeld : plain(row.earlier),
      plain(row.change),
      row.changePercent === null ? '' : row.changePercent.toFixed(1),
      row.crimes === null ? noFigures : positionOf(row.position),
      row.crimes === null ? noFigures : positionOf(row.position2),
    ]),
    [
      comparison.period.label,
      'The area',
      plain(total.crimes),
      plain(total.crimesWithoutAsb),
      plain(total.population),
      plainRate(total.per1000),
      total.earlier === null ? notHeld : String(total.earlier),
      plain(total.change),
      total.changePercent === null ? '' : total.changePercent.toFixed(1),
      '',
      '',
    ],
    [
      `Area average of the partnerships' rates: ${plainRate(group.average)}; 1 SD limits ${plainRate(floorAtZero(group.lowerLimit))} to ${plainRate(group.upperLimit)}; 2 SD limits ${plainRate(floorAtZero(group.lowerLimit2))} to ${plainRate(group.upperLimit2)}`,
    ],
    [ogl],
    [onsSource],
  ];
}
