/**
 * The partnership's crime figures: its crime profile for a period and its comparison with its peers, each a page
 * and a CSV download, and the analyst's choice of peers. Whoever may see the partnership's hotspots sees these.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../platform/errors.ts';
import { sendCsv } from '../../web/csv.ts';
import { attempt, type FormErrors } from '../../web/forms.ts';
import type { PageRenderer } from '../../web/render.ts';
import { principalOf } from '../../web/permissions.ts';
import { checkedValues } from '../../web/query.ts';
import { formBody, partnershipParams } from '../../web/schemas.ts';
import { yearEarlier } from './analysis/periods.ts';
import { allCrime, allCrimeWithoutAsb, crimeProfile, peerComparison } from './analysis/profile.ts';
import { analyse, base, type CrimeDataRequest, crimeDataCrumbs, mayAnalyse, view } from './crimedata.pages.ts';
import type { CrimeDataService } from './crimedata.service.ts';
import {
  limitsNote,
  memberRows,
  notHeldText,
  peerRows,
  peersCsv,
  profileCsv,
  profileRows,
  residentsText,
  withoutLocationText,
} from './figuresPage.ts';
import { type PeriodAsked, periodAsked, periodFilter, periodParams } from './figuresPeriod.ts';
import { monthName } from '../../platform/dates.ts';
import { ogl, onsSource } from './hotspotsPage.ts';
import type { PeerChoice } from './figures.ts';

/** The months held for a peer's force: a peer compares only over the months both partnerships' forces hold. */
export function peerHeldText(held: PeerChoice['held']): string {
  if (!held) return 'No police.uk data held yet';
  if (held.first === held.last) return `Police.uk data held for ${monthName(held.first)} only`;
  return `Police.uk data held from ${monthName(held.first)} to ${monthName(held.last)}`;
}

const figuresRoute = { config: view, schema: { params: partnershipParams, querystring: periodParams } };

export function registerFigureRoutes(instance: FastifyInstance, pages: PageRenderer, crimeData: CrimeDataService): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  /** The period asked for, among the months the partnership's force has files for. */
  async function periodOfPartnership(partnershipId: string, asked: PeriodAsked) {
    const [area, publishedMonths] = await Promise.all([crimeData.area(partnershipId), crimeData.publishedMonths(partnershipId)]);
    const chosen = periodAsked(asked, publishedMonths);
    return { ...chosen, area, period: area ? chosen.period : null };
  }

  async function loadProfile(partnershipId: string, asked: PeriodAsked) {
    const found = await periodOfPartnership(partnershipId, asked);
    if (!found.period) return { ...found, profile: null, withoutLocation: null };
    const earlierPeriod = yearEarlier(found.period);
    const [[current], [earlier], withoutLocation] = await Promise.all([
      crimeData.areaFigures([partnershipId], found.period),
      crimeData.areaFigures([partnershipId], earlierPeriod),
      crimeData.crimesWithoutLocation(partnershipId, found.period),
    ]);
    return { ...found, profile: crimeProfile(current!, earlier!, found.period, earlierPeriod), withoutLocation };
  }

  app.get('/profile', figuresRoute, async (request, reply) => {
    const found = await loadProfile(request.params.partnershipId, request.query);
    const { profile, withoutLocation } = found;
    const filter = periodFilter(found, `${base(request)}/profile`);
    return pages.render(request, reply, 'crimedata/views/profile.njk', {
      title: profile ? `Crime profile, ${profile.period.label}` : 'Crime profile',
      area: found.area ? { name: found.area.name, force: found.area.forceName } : null,
      filter,
      profile: profile && {
        label: profile.period.label,
        earlierLabel: profile.earlierPeriod.label,
        coverage: profile.coverage,
        residents: residentsText(profile),
        notHeld: notHeldText(profile),
        rows: profileRows(profile),
        withoutLocation: withoutLocation && withoutLocationText(withoutLocation),
        download: `${base(request)}/profile.csv${filter.search}`,
        peers: `${base(request)}/peers${filter.search}`,
      },
      sources: [ogl, onsSource],
      mayAnalyse: mayAnalyse(request),
      base: base(request),
      breadcrumbs: crimeDataCrumbs(request),
    });
  });

  app.get('/profile.csv', figuresRoute, async (request, reply) => {
    const { profile, withoutLocation } = await loadProfile(request.params.partnershipId, request.query);
    if (!profile) throw new NotFoundError('crime profile');
    const name = `${request.partnership?.shortName ?? 'Partnership'} crime profile ${profile.period.from} to ${profile.period.to}`;
    return sendCsv(reply, name, profileCsv(profile, withoutLocation));
  });

  async function loadPeers(partnershipId: string, asked: PeriodAsked) {
    const found = await periodOfPartnership(partnershipId, asked);
    const peers = await crimeData.peers(partnershipId);
    if (!found.period) return { ...found, peers, rows: null };
    const [self, ...others] = await crimeData.areaFigures([partnershipId, ...peers.map((peer) => peer.partnershipId)], found.period);
    return { ...found, peers, rows: peerComparison(self!, others, found.period) };
  }

  app.get('/peers', figuresRoute, async (request, reply) => {
    const found = await loadPeers(request.params.partnershipId, request.query);
    const filter = periodFilter(found, `${base(request)}/peers`);
    const { chosen, choices } = await crimeData.peerChoices(request.params.partnershipId);
    const heldOf = new Map(choices.map((choice) => [choice.partnershipId, choice.held]));
    return pages.render(request, reply, 'crimedata/views/peers.njk', {
      title: found.period ? `Peer comparison, ${found.period.label}` : 'Peer comparison',
      area: found.area ? { name: found.area.name, force: found.area.forceName } : null,
      filter,
      peers: found.peers.map((peer) => ({ name: peer.name, held: peerHeldText(heldOf.get(peer.partnershipId) ?? null) })),
      limitsNote,
      chosen,
      comparison: found.rows &&
        found.peers.length > 0 && {
          label: found.period?.label ?? '',
          rows: peerRows(found.rows),
          measures: [allCrime, allCrimeWithoutAsb],
          members: memberRows(found.rows),
          download: `${base(request)}/peers.csv${filter.search}`,
          profile: `${base(request)}/profile${filter.search}`,
        },
      sources: [ogl, onsSource],
      mayAnalyse: mayAnalyse(request),
      base: base(request),
      breadcrumbs: crimeDataCrumbs(request),
    });
  });

  app.get('/peers.csv', figuresRoute, async (request, reply) => {
    const { period, rows } = await loadPeers(request.params.partnershipId, request.query);
    if (!period || !rows) throw new NotFoundError('peer comparison');
    const name = `${request.partnership?.shortName ?? 'Partnership'} peer comparison ${period.from} to ${period.to}`;
    return sendCsv(reply, name, peersCsv(period.label, rows));
  });

  // The peers: ticked from every partnership with a crime area; a problem is said next to them, the ticks kept.
  async function renderChoice(
    request: CrimeDataRequest,
    reply: FastifyReply,
    state: { ticked: string[] | null; errors: FormErrors | null },
  ) {
    const { choices } = await crimeData.peerChoices(request.params.partnershipId);
    if (state.errors) reply.code(400);
    return pages.render(request, reply, 'crimedata/views/peers-form.njk', {
      title: 'Choose the peers to compare with',
      errors: state.errors,
      choices: choices.map((choice) => ({
        value: choice.partnershipId,
        text: choice.name,
        hint: { text: peerHeldText(choice.held) },
        checked: state.ticked ? state.ticked.includes(choice.partnershipId) : choice.isPeer,
      })),
      action: `${base(request)}/peers/choose`,
      cancel: `${base(request)}/peers`,
      base: base(request),
      breadcrumbs: [...crimeDataCrumbs(request), { text: 'Peer comparison', href: `${base(request)}/peers` }],
    });
  }

  app.get('/peers/choose', { config: analyse, schema: { params: partnershipParams } }, (request, reply) =>
    renderChoice(request, reply, { ticked: null, errors: null }),
  );

  app.post('/peers/choose', { config: analyse, schema: { params: partnershipParams, body: formBody } }, async (request, reply) => {
    const ticked = checkedValues(request.body.peerIds);
    const saved = await attempt(() => crimeData.choosePeers(principalOf(request), request.params.partnershipId, ticked));
    if (!saved.ok) {
      const text = Object.values(saved.byField).join('. ');
      return renderChoice(request, reply, { ticked, errors: { summary: [{ text, href: '#peerIds' }], byField: { peerIds: text } } });
    }
    request.session.flash = 'Peers saved';
    return reply.redirect(`${base(request)}/peers`, 303);
  });

  app.post('/peers/default', { config: analyse, schema: { params: partnershipParams, body: formBody } }, async (request, reply) => {
    await crimeData.useDefaultPeers(principalOf(request), request.params.partnershipId);
    request.session.flash = 'The peers are the default again: the other partnerships of the area';
    return reply.redirect(`${base(request)}/peers`);
  });
}
