/**
 * The demo's performance figures: Coventry's Quarter 4, 2015-16 report as seed 001 gives it, entered
 * through the service (so the audit log shows it), with its commentary, and approved, so the public site
 * has it. Leaves alone an indicator that is already there. Seed the strategy demo first, so that the
 * indicators measure its priorities.
 */
import { systemPrincipal } from '../../../platform/principal.ts';
import type { GovernanceService } from '../../governance/index.ts';
import { coventryIndicators, coventryMsg, coventrySummary, demoOwners, demoPriorities, demoQuarter } from './coventryQ4.data.ts';
import type { PerformanceService } from '../performance.service.ts';

export async function seedDemoPerformance(
  governance: GovernanceService,
  performance: PerformanceService,
  partnershipId: string,
): Promise<void> {
  const existing = new Set((await performance.indicators.list(partnershipId, { includeArchived: true })).map((i) => i.name));
  if (coventryIndicators.every((demo) => existing.has(demo.input.name))) return;
  const groups = new Map((await governance.groups.list(partnershipId)).map((group) => [group.name, group.id]));
  // Linked to the demo's priorities where the strategy demo has been seeded first.
  const priorities = new Map(
    (await performance.priorities(partnershipId)).filter((p) => p.archivedAt === null).map((priority) => [priority.title, priority.id]),
  );
  const ids = new Map<string, string>();
  for (const demo of coventryIndicators.filter((d) => !existing.has(d.input.name))) {
    const id = await performance.indicators.create(systemPrincipal, partnershipId, {
      ...demo.input,
      ownerGroupId: groups.get(demoOwners[demo.owner]) ?? null,
      priorityId: priorities.get(demoPriorities[demo.owner] ?? '') ?? null,
    });
    ids.set(demo.input.name, id);
    for (const measurement of demo.measurements) {
      await performance.recordMeasurement(systemPrincipal, partnershipId, id, { ...measurement, note: measurement.note ?? null }, null);
    }
  }
  const msgIndicator = ids.get(coventryMsg.indicator);
  if (msgIndicator) {
    await performance.saveMsgComparison(systemPrincipal, partnershipId, msgIndicator, {
      ...coventryMsg,
      publishedAverage: Number(coventryMsg.publishedAverage),
    });
  }
  await performance.saveSummary(systemPrincipal, partnershipId, demoQuarter, coventrySummary, null);
  for (const demo of coventryIndicators) {
    const id = ids.get(demo.input.name);
    if (id) await performance.saveCommentary(systemPrincipal, partnershipId, demoQuarter, id, demo.commentary);
  }
  // The briefing note of 13 July 2016 gives the report but not the day it was approved: the demo says so rather than
  // showing the day the demo was loaded.
  await performance.approve({ ...systemPrincipal, name: 'Coventry Partnership Analyst' }, partnershipId, demoQuarter, null, {
    approvedAt: null,
  });
}
