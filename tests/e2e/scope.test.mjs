// Scope, basis and decision (catalogue revision 2, issue 7), end to end in
// headless Chromium under the strict CSP: an enterprise is never asked a
// person's question and is told who decides; a person outside Shandong is
// asked nothing more once that is known and is told, on the first results
// screen, what the tool covers; a person elsewhere in Shandong meets the
// provincial card's published conditions, with the same sentence on its card.
// Journeys are driven by fact id (see scenarios.mjs); anything unlisted is
// answered "I don't know".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, Journey, saveScreenshot, policyCount, withApp as sharedWithApp } from './support.mjs';
import { PERSONAL_FACTS, shinanTeamEnterprise, outsideShandong, shandongOtherAllowance, C } from './scenarios.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Opens the app in a fresh context, runs `fn`, checks there were no console/page/CSP errors, closes. */
function withApp(fn, options = {}) {
  return sharedWithApp(browser, options.url ?? server.url, fn, options);
}

/** Starts and answers every question from `answers`, recording each fact and the heading it was asked with. */
async function answerRecording(j, answers) {
  await j.start();
  const asked = [];
  for (let i = 0; i < 40; i++) {
    const fact = await j.currentFact();
    if (!fact) return asked;
    await j.waitForHeadingFocus();
    asked.push({ fact, heading: await j.heading() });
    await j.answer(fact in answers ? answers[fact] : null);
  }
  throw new Error(`still asking after 40 questions: ${asked.map((a) => a.fact).join(', ')}`);
}

const COVERS = '本工具只涵盖青岛市、枣庄市';
const NEAR_MISS = /只有一项条件不满足|不符合/;

test('an enterprise in Shinan goes from start to results and is never asked a personal question; the team support is likely, as we read it, and Shinan decides', async () => {
  await withApp(async ({ page, j }) => {
    const asked = await answerRecording(j, shinanTeamEnterprise);
    const facts = asked.map((a) => a.fact);
    // Who is asking and where first (the pack's opening), the district, then only an enterprise's questions.
    assert.deepEqual(facts.slice(0, 3), ['applicant', 'city', 'district'], `asked: ${facts}`);
    assert.deepEqual([...facts.slice(3)].sort(), ['apprentice_count', 'apprentice_dual_system', 'apprentice_hours_per_year', 'apprentice_level',
      'apprentice_occupation_class', 'apprentice_years', 'innovation_track', 'team_lead'], `asked: ${facts}`);
    for (const f of PERSONAL_FACTS) assert.ok(!facts.includes(f), `an enterprise is never asked ${f} (asked: ${facts})`);
    // Once the applicant is known, questions are worded for an enterprise.
    const heading = Object.fromEntries(asked.map((a) => [a.fact, a.heading]));
    assert.equal(heading.district, '企业注册在青岛市哪个区（市）？');
    assert.equal(heading.team_lead, '企业是否拥有一支人才团队？');

    await page.locator('.review-page').waitFor();
    assert.deepEqual(await page.locator('[data-testid=answers] .answer-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-fact'))), facts);
    await j.seeResults();
    assert.equal(await page.getByTestId('coverage-note').count(), 0, 'Qingdao is covered: no coverage note');

    // The team support: the district judges which team is outstanding.
    const team = page.getByTestId('group-likely').locator('[data-testid=policy-card][data-policy="sn-talent-team-support"]');
    assert.equal(await team.count(), 1, 'sn-talent-team-support is in the likely group: its condition is our reading');
    assert.equal(await team.getAttribute('data-status'), 'likely');
    const headline = await j.headline('sn-talent-team-support');
    assert.notEqual(headline, '符合条件', 'never "符合条件" alone where someone else decides');
    assert.equal(headline, '按我们对文章的理解，您可能符合；最终由市南区审核决定', 'the headline says it is our reading and names who decides');
    assert.equal((await team.getByTestId('amount').innerText()).trim(), '如获批准，最高 50,000,000 元');
    assert.equal(await team.getByTestId('decision').textContent(), '由市南区审核决定');
    assert.match(await team.getByTestId('scope').textContent(), /青岛市市南区$/);
    assert.match(await team.getByTestId('reading-note').textContent(), /请向市南区确认/);
    const groupTitle = await page.locator('#group-likely').innerText();
    assert.match(groupTitle, /^按我们对文章的理解可能符合，请向有关部门确认 \(\d+\)$/);

    // The apprenticeship subsidy: every criterion stated, an entitlement.
    assert.equal(await j.groupOf('qd-apprenticeship-subsidy'), 'eligible');
    assert.equal(await j.headline('qd-apprenticeship-subsidy'), '符合条件');
    // 5,000 yuan (intermediate) × 2 years × 4 apprentices.
    assert.equal((await j.card('qd-apprenticeship-subsidy').getByTestId('amount').innerText()).trim(), '最高 40,000 元');

    // Every policy for a person is a line in the collapsed "not for you" list, saying so.
    const results = await j.results();
    assert.equal(Object.keys(results).length, policyCount());
    for (const id of ['sn-high-level-talent-support', 'ls-talent-housing', 'qd-silver-volunteer', 'sd-huicai-card', 'pd-worker-legal-aid']) {
      assert.equal(results[id], 'not_applicable', `${id} is not for an enterprise`);
      assert.equal(await j.groupOf(id), 'not-for-you');
    }
    await j.openAllDetails();
    const lines = await page.locator('[data-testid=group-not-for-you] [data-testid=one-line]').allInnerTexts();
    for (const line of lines) assert.doesNotMatch(line, NEAR_MISS, `a not-for-you line is never a near miss: ${line}`);
    const personal = (await j.notForYouLine('qd-silver-volunteer').innerText()).trim();
    assert.match(personal, /— 仅面向个人$/, `the line says the policy is for individuals: ${personal}`);
    await saveScreenshot(page, 'results-shinan-team-enterprise');
  });
});

test('a person who leads a talent team in Shinan (the issue\'s example) may qualify as we read it, up to 50,000,000 yuan if approved, never "you qualify"', async () => {
  await withApp(async ({ page, j }) => {
    await j.runToResults({ city: C.city.qingdao, applicant: C.applicant.individual, district: C.district.shinan, team_lead: C.team_lead.yes });
    assert.equal(await j.groupOf('sn-talent-team-support'), 'likely');
    const team = j.card('sn-talent-team-support');
    assert.equal(await j.headline('sn-talent-team-support'), '按我们对文章的理解，您可能符合；最终由市南区审核决定');
    assert.equal((await team.getByTestId('amount').innerText()).trim(), '如获批准，最高 50,000,000 元');
    await team.locator('details.card-details > summary').click();
    const lead = team.locator('.criteria li.criterion');
    assert.equal(await lead.getAttribute('data-basis'), 'inferred');
    assert.equal((await lead.getByTestId('basis-tag').innerText()).trim(), '我们的理解');
    assert.match(await lead.locator('.reading').innerText(), /优秀人才团队/, 'the reading gives the article\'s words');
    assert.equal(await page.getByTestId('group-eligible').locator('[data-policy="sn-talent-team-support"]').count(), 0, 'not in the "you qualify" group');
    await saveScreenshot(page, 'results-shinan-team-lead');
  });
});

test('a person outside Shandong is asked nothing after who and where, and is told on the first results screen what the tool covers', async () => {
  await withApp(async ({ page, j }) => {
    await j.start();
    assert.equal(await j.currentFact(), 'applicant');
    const asked = await j.answerAll(outsideShandong);
    assert.deepEqual(asked, ['applicant', 'city'], `nothing is asked once the person is outside Shandong: ${asked}`);
    await page.locator('.review-page').waitFor();
    assert.equal((await page.locator('.answer-row[data-fact="city"] .answer-value').innerText()).trim(), '山东省外');
    await j.seeResults();

    // The first thing on the results: what the tool covers.
    const note = page.getByTestId('coverage-note');
    assert.equal(await note.count(), 1, 'the coverage note is shown');
    assert.ok(await note.isVisible());
    assert.ok((await note.innerText()).includes(COVERS), await note.innerText());
    assert.equal(await note.evaluate((n) => {
      const first = document.querySelector('[data-testid^="group-"]');
      return !!(n.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
    }), true, 'the note comes before the result groups');

    // Every policy is not for them (or not in force): no card says "not eligible".
    const results = await j.results();
    assert.equal(Object.keys(results).length, policyCount());
    for (const [id, status] of Object.entries(results)) {
      assert.ok(['not_applicable', 'expired', 'not_yet_effective'].includes(status), `${id}: ${status}`);
      assert.ok(['not-for-you', 'not-in-force'].includes(await j.groupOf(id)), `${id} is not for them or not in force`);
    }
    for (const key of ['eligible', 'meets-conditions', 'likely', 'possible', 'unclear', 'unlikely', 'ineligible']) {
      assert.equal(await page.getByTestId(`group-${key}`).locator('[data-testid=policy-card]').count(), 0, `no card in ${key}`);
    }
    assert.ok((await j.notForYou()).length >= policyCount() - 1, 'all but the policies out of force are in the not-for-you list');

    // The list is collapsed; opened, each line says why, never a near miss.
    const list = page.locator('details[data-testid=group-not-for-you]');
    assert.equal(await list.evaluate((d) => d.open), false);
    await list.locator('summary').click();
    const lines = await page.locator('[data-testid=group-not-for-you] [data-testid=one-line]').allInnerTexts();
    for (const line of lines) {
      assert.doesNotMatch(line, NEAR_MISS, `not a near miss: ${line}`);
      // A person's reason is where the tool applies; an enterprise's policy says it is for enterprises.
      assert.ok(line.includes(COVERS) || /— 仅面向企业$/.test(line), `each line says why, in what the tool covers: ${line}`);
    }
    await saveScreenshot(page, 'results-outside-shandong');
  });
});

test('a person elsewhere in Shandong with the State Council allowance may qualify for the provincial card as we read it, and its card says what the tool covers', async () => {
  await withApp(async ({ page, j }) => {
    const asked = await j.runToResults(shandongOtherAllowance);
    assert.deepEqual(asked, ['applicant', 'city', 'talent_titles'], `only what the provincial card needs: ${asked}`);
    assert.equal(await j.groupOf('sd-huicai-card'), 'likely');
    const card = j.card('sd-huicai-card');
    assert.equal(await card.getAttribute('data-status'), 'likely');
    assert.equal(await j.headline('sd-huicai-card'), '按我们对文章的理解，您可能符合；文章未说明由哪个部门审核，发布方为山东省');
    const cardNote = card.getByTestId('card-coverage-note');
    assert.equal(await cardNote.count(), 1, 'the card carries the coverage note');
    assert.ok((await cardNote.innerText()).includes(COVERS));
    assert.ok((await page.getByTestId('coverage-note').innerText()).includes(COVERS), 'and so does the top of the page');
    // Every city or district policy is not for them.
    const results = await j.results();
    for (const [id, status] of Object.entries(results)) {
      if (id === 'sd-huicai-card') continue;
      assert.ok(['not_applicable', 'expired'].includes(status), `${id}: ${status}`);
    }
    await saveScreenshot(page, 'results-shandong-other-allowance');
  });
});
