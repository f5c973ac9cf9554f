import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nunjucks from 'nunjucks';
import { keepComponents } from './keptComponents.ts';
import { createViewEnvironment, govukFrontendDist } from './render.ts';

const environment = createViewEnvironment();
const page = (source: string) => new nunjucks.Template(source, environment, 'page.njk');
const button = page('{% from "govuk/components/button/macro.njk" import govukButton %}{{ govukButton(params) }}');
const fieldset = page(
  '{% from "govuk/components/fieldset/macro.njk" import govukFieldset %}{% call govukFieldset({ legend: { text: "Where" } }) %}{{ inside }}{% endcall %}',
);

describe('GOV.UK components kept', () => {
  it('draw what the component draws, once for the same parameters', () => {
    // An environment of GOV.UK's templates alone, keeping nothing: what the macro draws.
    const plain = new nunjucks.Environment(new nunjucks.FileSystemLoader(govukFrontendDist), { autoescape: true });
    const source = '{% from "govuk/components/button/macro.njk" import govukButton %}{{ govukButton(params) }}';
    for (const params of [{ text: 'Save' }, { text: 'Save <now>', classes: 'govuk-button--secondary', attributes: { 'data-qa': 'x' } }]) {
      assert.equal(button.render({ params }), plain.renderString(source, { params }));
    }
  });

  /** An environment with a component of our own that counts how often it is drawn. */
  function counting(atMost?: number) {
    const counter = { drawn: 0 };
    const sources: Record<string, string> = {
      'govuk/components/counted/macro.njk': '{% macro counted(params) %}[{{ params.text }} {{ count() }}]{% endmacro %}',
      'page.njk': '{% from "govuk/components/counted/macro.njk" import counted %}{{ counted({ text: text }) }}',
    };
    const loader: nunjucks.ILoader = { getSource: (name) => ({ src: sources[name] ?? '', path: `/dist/${name}`, noCache: false }) };
    const environment = new nunjucks.Environment(loader, { autoescape: true });
    environment.addGlobal('count', () => ++counter.drawn);
    keepComponents(environment, atMost);
    return { counter, draw: (text: string) => environment.render('page.njk', { text }) };
  }

  it('are drawn once for the same parameters, and again for others', () => {
    const { counter, draw } = counting();
    assert.equal(draw('a'), '[a 1]');
    assert.equal(draw('a'), '[a 1]');
    assert.equal(draw('b'), '[b 2]');
    assert.equal(counter.drawn, 2);
  });

  it('keep no more than they are allowed, the least used dropped first', () => {
    // Each drawing is about 30 characters: room for about 200, none too large to keep.
    const { counter, draw } = counting(6_000);
    for (let n = 0; n < 300; n++) draw(String(n));
    draw('299');
    assert.equal(counter.drawn, 300);
    draw('0');
    assert.equal(counter.drawn, 301);
    // Too large to keep when a hundredth of the room is less than one drawing.
    const small = counting(1_000);
    small.draw('a');
    small.draw('a');
    assert.equal(small.counter.drawn, 2);
  });

  it('draw each set of parameters as its own', () => {
    assert.match(button.render({ params: { text: 'Save' } }), />\s*Save\s*</);
    assert.match(
      button.render({ params: { text: 'Delete', classes: 'govuk-button--warning' } }),
      /govuk-button--warning[^>]*>\s*Delete\s*</,
    );
    assert.match(button.render({ params: { text: 'Save' } }), />\s*Save\s*</);
  });

  it('draw a `call` block afresh each time, as what is inside it is the page’s', () => {
    assert.match(fieldset.render({ inside: 'First' }), /First/);
    const second = fieldset.render({ inside: 'Second' });
    assert.match(second, /Second/);
    assert.doesNotMatch(second, /First/);
  });
});
