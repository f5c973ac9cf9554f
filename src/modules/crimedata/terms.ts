/**
 * The analysts' terms the hotspot and tasking pages and the tasking document use, each said once in plain words:
 * the pages show them in a details component (crimedata/views/terms.njk), the PDF and Word under "Terms used".
 * How each is worked out, in full, stays with its method (matrixMethod, predictiveCalendarMethod, accuracyMethod).
 */
export interface Term {
  term: string;
  meaning: string;
}

export const terms = {
  hotspotMatrix: {
    term: 'hotspot matrix',
    meaning:
      'A way of sorting each hotspot by where its crime happens (mostly at one spot, at a few spots, or spread out) and when ' +
      '(in a burst, in a few busy months, or all year round). It helps choose the response: crime at one spot suits a fixed ' +
      'measure such as a camera or better locks; crime spread out suits patrols or work across the whole neighbourhood.',
  },
  hotpoint: {
    term: 'hotpoint',
    meaning:
      'A hotspot where at least half of the month’s crimes were recorded at one place, such as one street or car park, ' +
      'rather than spread across the neighbourhood.',
  },
  predictiveCalendar: {
    term: 'predictive calendar',
    meaning:
      'What the time of year would lead us to expect: the average number of crimes in the same month of the earlier years ' +
      'held, given to the nearest whole crime. A month above it has more crime than usual for the season, not just the ' +
      'usual seasonal rise.',
  },
  predictiveAccuracyIndex: {
    term: 'predictive accuracy index (PAI)',
    meaning:
      'How well last month’s hotspots picked out where this month’s crime happened: their share of the crime divided by ' +
      'their share of the area. 1 means no better than picking places at random; above 1 means they held more crime than ' +
      'their size would suggest, so targeting them was worth it.',
  },
} as const satisfies Record<string, Term>;

export type TermKey = keyof typeof terms;
