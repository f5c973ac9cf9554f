/**
 * The public search finds a published report by the indicators it reports on, as the report was approved: never an
 * indicator added, drafted or archived since (the attack review of issue 17 found the live list named them all).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { systemPrincipal } from '../src/platform/principal.ts';
import { seedDemoPerformance } from '../src/modules/performance/index.ts';
import { coventryIndicators } from '../src/modules/performance/demo/coventryQ4.data.ts';
import { Browser } from './helpers/app.ts';
import { build, suiteScope } from './helpers/build.ts';

describe('the public search of published reports', () => {
  const scope = suiteScope();
  it('names only the indicators a report was published with', async () => {
    const { app, container, coventry } = await build(scope);
    await seedDemoPerformance(container.governance, container.performance, coventry);
    const input = coventryIndicators[0]?.input;
    assert.ok(input);
    const unpublished = { ...input, ownerGroupId: null, priorityId: null };
    await container.performance.indicators.create(systemPrincipal, coventry, { ...unpublished, name: 'Nightjar covert tasking referrals' });
    const archived = await container.performance.indicators.create(systemPrincipal, coventry, {
      ...unpublished,
      name: 'Zyxwv withdrawn indicator',
    });
    const { version } = await container.performance.indicators.get(coventry, archived);
    await container.performance.indicators.setArchived(systemPrincipal, coventry, archived, version, true);

    const visitor = new Browser(app);
    for (const words of ['nightjar', 'zyxwv']) {
      const found = await visitor.get(`/public/search?q=${words}`);
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /Nothing was found/, words);
    }
    assert.match((await visitor.get('/public/search?q=hate%20crime')).body, /Reports on Hate crime incidents reported/);
  });
});
