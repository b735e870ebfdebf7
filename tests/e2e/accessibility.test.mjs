// Accessibility: axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on every kind of
// page, in Chinese and English, at 320 px and 1280 px; a keyboard-only
// journey with focus on each new page's heading; target sizes; and no
// horizontal scrolling at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, Journey, runAxe, formatViolations, tabTo, withApp as sharedWithApp } from './support.mjs';
import { C } from './scenarios.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

function withApp(fn, { width = 1280, url = server.url, ready } = {}) {
  return sharedWithApp(browser, url, fn, { viewport: { width, height: 800 }, ...(ready ? { ready } : {}) });
}

const BEFORE_TITLES = { applicant: C.applicant.individual, city: C.city.qingdao, district: C.district.laoshan };
const BEFORE_AGE = { ...BEFORE_TITLES, talent_titles: [], overseas_talent: 1 };

/**
 * Walks one journey through every kind of page and calls `visit(name)` on each,
 * with every <details> open: start, a radio question, a checkbox question, a
 * number question, the same with an error, the answers check, the results.
 */
async function everyPage(page, j, lang, visit) {
  if (lang === 'en') {
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }
  await visit('start');
  await j.start();
  assert.equal(await j.currentFact(), 'applicant');
  assert.equal(await page.locator('#q-choice-0').getAttribute('type'), 'radio');
  await j.openAllDetails();
  await visit('radio question (applicant)');
  await j.answerUntil('talent_titles', BEFORE_TITLES);
  assert.equal(await page.locator('#q-choice-0').getAttribute('type'), 'checkbox');
  await j.openAllDetails();
  await visit('checkbox question (talent_titles)');
  await j.answerUntil('age', BEFORE_AGE);
  await j.openAllDetails();
  await visit('number question (age)');
  await page.locator('#q-input').fill('abc');
  await page.getByTestId('continue').click();
  await page.getByTestId('error-summary').waitFor();
  await visit('number question with an error');
  await j.answerAll({ age: '45' });
  await page.locator('.review-page').waitFor();
  await visit('answers check');
  await j.seeResults();
  await j.openAllDetails();
  await visit('results (details open)');
}

test('the axe harness runs under the app\'s CSP and catches a planted violation', async () => {
  await withApp(async ({ page }) => {
    assert.deepEqual(await runAxe(page), []);
    // An unlabelled text field and an image without alt text, planted after the check above.
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'planted';
      box.append(document.createElement('input'), Object.assign(document.createElement('img'), { src: 'data:,' }));
      document.querySelector('main').append(box);
    });
    const ids = (await runAxe(page)).map((v) => v.id).sort();
    assert.ok(ids.includes('label') && ids.includes('image-alt'), `planted violations found: ${ids.join(', ')}`);
    await page.evaluate(() => document.getElementById('planted').remove());
  });
});

for (const lang of ['zh', 'en']) {
  for (const width of [320, 1280]) {
    test(`axe finds no WCAG 2.2 A/AA violations on any page (${lang}, ${width} px)`, async () => {
      await withApp(async ({ page, j }) => {
        const found = [];
        await everyPage(page, j, lang, async (name) => {
          const violations = await runAxe(page);
          if (violations.length) found.push(`--- ${name}:\n${formatViolations(violations)}`);
        });
        assert.equal(found.length, 0, `axe violations (${lang}, ${width} px):\n${found.join('\n')}`);
      }, { width });
    });
  }
}

// The results of catalogue revision 2, opened from share links: a card that
// meets the published conditions (with "up to … if approved" and the "our
// reading" mark), the coverage note at the top and on a card, and the
// not-for-you list, collapsed and opened.
const REVISION_2_RESULTS = {
  'Shinan team lead': 'city:qingdao;applicant:individual;district:shinan;team_lead:1',
  'Shinan enterprise': 'city:qingdao;applicant:enterprise;district:shinan;team_lead:1;innovation_track:none',
  'outside Shandong': 'city:other;applicant:individual',
  'elsewhere in Shandong': 'city:shandong_other;applicant:individual;talent_titles:state_council_allowance',
};

for (const lang of ['zh', 'en']) {
  for (const width of [320, 1280]) {
    test(`axe finds no violations on revision-2 results: meets-conditions cards, coverage notes, the not-for-you list (${lang}, ${width} px)`, async () => {
      const found = [];
      for (const [name, code] of Object.entries(REVISION_2_RESULTS)) {
        await withApp(async ({ page, j }) => {
          assert.equal(await page.getByTestId('notice').count(), 0, `${name}: the share code is valid`);
          assert.ok(await page.locator('[data-testid=group-not-for-you] [data-testid=one-line]').count() > 0, `${name}: there is a not-for-you list`);
          if (!name.startsWith('outside')) assert.ok(await page.locator('[data-testid=policy-card]:is([data-status=meets_conditions], [data-status=likely])').count() > 0, `${name}: a card meets the published conditions, or our reading of them`);
          for (const state of ['collapsed', 'details open']) {
            if (state === 'details open') await j.openAllDetails();
            const violations = await runAxe(page);
            if (violations.length) found.push(`--- ${name} (${state}):\n${formatViolations(violations)}`);
          }
        }, { width, url: `${server.url}#lang=${lang}&a=${code}`, ready: '.results-page' });
      }
      assert.equal(found.length, 0, `axe violations (${lang}, ${width} px):\n${found.join('\n')}`);
    });
  }
}

/** Interactive elements smaller than 24 × 24 px, primary buttons under 44 px tall, and the page width. */
function measure() {
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const describe = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : ''}${e.className ? `.${String(e.className).trim().split(/\s+/).join('.')}` : ''} "${(e.innerText || e.value || '').trim().slice(0, 30)}"`;
  const size = (e) => { const r = e.getBoundingClientRect(); return `${Math.round(r.width * 10) / 10}×${Math.round(r.height * 10) / 10}`; };
  const controls = [...document.querySelectorAll('button, input, select, textarea, summary')].filter(shown);
  return {
    controls: controls.length,
    small: controls.filter((e) => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; }).map((e) => `${describe(e)} ${size(e)}`),
    shortPrimary: [...document.querySelectorAll('.button.primary')].filter(shown).filter((e) => e.getBoundingClientRect().height < 44).map((e) => `${describe(e)} ${size(e)}`),
    scrollWidth: document.documentElement.scrollWidth,
  };
}

for (const width of [320, 1280]) {
  test(`targets are at least 24 × 24 px, primary buttons 44 px tall${width === 320 ? ', and nothing scrolls sideways' : ''} (${width} px, zh and en)`, async () => {
    const found = [];
    for (const lang of ['zh', 'en']) {
      await withApp(async ({ page, j }) => {
        await everyPage(page, j, lang, async (name) => {
          const m = await page.evaluate(measure);
          assert.ok(m.controls > 0, `${name}: controls found`);
          for (const s of m.small) found.push(`${lang} ${name}: under 24 × 24 px: ${s}`);
          for (const s of m.shortPrimary) found.push(`${lang} ${name}: primary button under 44 px: ${s}`);
          if (width === 320 && m.scrollWidth > 320) found.push(`${lang} ${name}: scrolls sideways, scrollWidth ${m.scrollWidth}`);
        });
      }, { width });
    }
    assert.deepEqual(found, []);
  });
}

test('a keyboard-only journey from the start to the results, with focus on each new page\'s heading', async () => {
  await withApp(async ({ page, j }) => {
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    /** Waits for the next page (a new fact or a new kind of page) and checks focus went to its heading. */
    const nextPage = async (before) => {
      await page.waitForFunction((b) => {
        const key = document.querySelector('.question-page')?.getAttribute('data-fact') || document.querySelector('.page')?.className;
        return key !== b;
      }, before);
      await j.waitForHeadingFocus();
      assert.equal(await focused(), 'page-heading');
    };
    const key = () => page.evaluate(() => document.querySelector('.question-page')?.getAttribute('data-fact') || document.querySelector('.page')?.className);

    const answers = {
      applicant: C.applicant.individual, // radio: the first choice, Space
      city: C.city.qingdao, // radio: the first choice, Space
      district: C.district.laoshan, // radio: arrow keys, as in any radio group
      talent_titles: [C.talent_titles.national_high_level, C.talent_titles.qingdao_allowance], // checkboxes: Tab and Space
      age: '45', // text: type, then Enter
    };
    await tabTo(page, '[data-testid=start]');
    let before = await key();
    await page.keyboard.press('Enter');
    await nextPage(before);

    const asked = [];
    for (let i = 0; i < 30; i++) {
      const fact = await j.currentFact();
      if (!fact) break;
      asked.push(fact);
      before = fact;
      const value = answers[fact];
      if (value === undefined) {
        await tabTo(page, '[data-testid=dont-know]');
        await page.keyboard.press('Enter');
      } else if (typeof value === 'string') {
        await tabTo(page, '#q-input');
        await page.keyboard.type(value);
        await page.keyboard.press('Enter');
      } else if (Array.isArray(value)) {
        for (const v of value) {
          await tabTo(page, `#q-choice-${v}`);
          await page.keyboard.press('Space');
        }
        await tabTo(page, '[data-testid=continue]');
        await page.keyboard.press('Enter');
      } else {
        await tabTo(page, 'input[type=radio]');
        if (value === 0) await page.keyboard.press('Space');
        for (let k = 0; k < value; k++) await page.keyboard.press('ArrowDown');
        assert.equal(await page.locator(`#q-choice-${value}`).isChecked(), true, `${fact}: choice ${value} checked by keyboard`);
        await tabTo(page, '[data-testid=continue]');
        await page.keyboard.press('Enter');
      }
      await nextPage(before);
    }
    assert.ok(asked.length >= 5, asked.join(', '));
    await page.locator('.review-page').waitFor();
    const review = Object.fromEntries(await page.locator('.answer-row').evaluateAll((rs) => rs.map((r) => [r.dataset.fact, r.querySelector('.answer-value').innerText.trim()])));
    assert.equal(review.city, '青岛市');
    assert.equal(review.district, '崂山区');
    assert.equal(review.talent_titles, '国家级高层次人才 / 国家级科技领军人才、青岛市政府特殊津贴专家');
    assert.equal(review.age, '45 岁');

    before = await key();
    await tabTo(page, '[data-testid=see-results]');
    await page.keyboard.press('Enter');
    await nextPage(before);
    await page.locator('.results-page').waitFor();

    // A details section opens from the keyboard.
    const summary = 'details.card-details > summary';
    await tabTo(page, summary);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), true, 'Enter opens a details section');
  });
});
