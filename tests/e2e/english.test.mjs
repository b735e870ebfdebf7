// The whole journey in English: after the language switch on the start page
// every page is in English (no Han characters outside elements marked
// lang="zh…", such as source quotes), <html lang> is "en", and the title
// names each step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openApp, Journey, visibleTextOutsideZh, cjkLines, CJK, fragmentParams, withApp as sharedWithApp } from './support.mjs';
import { qingdaoApprenticeEnterprise } from './scenarios.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const APP = 'Talent policy checker';


function withApp(fn) {
  return sharedWithApp(browser, server.url, fn);
}

/** Switches the start page to English. */
async function toEnglish(page, j) {
  const sw = page.getByTestId('lang-switch');
  assert.equal((await sw.innerText()).trim(), 'English');
  await sw.click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await j.heading(), 'Find out which talent policies you can use');
}

/**
 * Checks the page showing is in English: no Han characters outside elements
 * marked lang="zh" (source quotes), <html lang> is "en".
 */
async function checkEnglish(page, where) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', `${where}: <html lang>`);
  const title = await page.title();
  const lines = cjkLines(await visibleTextOutsideZh(page));
  if (CJK.test(title)) lines.push(`<title> ${title}`);
  assert.deepEqual(lines, [], `${where}: Chinese text outside lang="zh" elements`);
  return lines.map((line) => ({ page: where, line }));
}

/** The title the app gives each step. */
async function expectedTitle(page, j) {
  if (await page.locator('.start-page').count()) return APP;
  if (await page.locator('.review-page').count()) return `Check your answers - ${APP}`;
  if (await page.locator('.results-page').count()) return `Your results - ${APP}`;
  return `Question: ${await j.heading()} - ${APP}`;
}

/**
 * Runs a whole English journey to the results, checking every page; returns
 * the Han-character lines seen (the known glosses).
 */
async function englishJourney(page, j, answers, { onQuestion } = {}) {
  const leaks = [];
  const titles = [];
  const check = async (where) => {
    const title = await page.title();
    assert.equal(title, await expectedTitle(page, j), `${where}: title`);
    assert.notEqual(title, titles.at(-1), `${where}: the title changes with the step`);
    titles.push(title);
    leaks.push(...await checkEnglish(page, where));
  };
  await toEnglish(page, j);
  await check('start');
  await j.start();
  for (let i = 0; i < 40; i++) {
    const fact = await j.currentFact();
    if (!fact) break;
    await j.waitForHeadingFocus();
    await check(`question ${fact}`);
    if (onQuestion) await onQuestion(fact);
    await j.answer(fact in answers ? answers[fact] : null);
  }
  await page.locator('.review-page').waitFor();
  await check('review');
  const notAnswered = await page.locator('.answer-value.is-unanswered').allInnerTexts();
  assert.ok(notAnswered.length > 0 && notAnswered.every((t) => t.trim() === 'Not answered'), JSON.stringify(notAnswered));
  await j.seeResults();
  await j.openAllDetails();
  await check('results (details open)');
  return { leaks, titles };
}

test('the language switch on the start page turns the page to English, and it stays English after a reload', async () => {
  await withApp(async ({ page, j }) => {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hans');
    await toEnglish(page, j);
    await checkEnglish(page, 'start');
    assert.equal(await page.title(), APP);
    const sw = page.getByTestId('lang-switch');
    assert.equal((await sw.innerText()).trim(), '简体中文', 'the switch back is offered in Chinese');
    assert.match(await sw.getAttribute('lang'), /^zh/, '...and marked as Chinese');
    assert.deepEqual(fragmentParams(page.url()), { lang: 'en' });
    await page.reload();
    await page.locator('.start-page').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await j.heading(), 'Find out which talent policies you can use');
  });
});

test('an English journey to the results has English on every page, a title per step and English errors', async () => {
  await withApp(async ({ page, j }) => {
    const { titles } = await englishJourney(page, j, qingdaoApprenticeEnterprise, {
      onQuestion: async (fact) => {
        if (fact !== 'apprentice_count') return;
        await page.locator('#q-input').fill('many');
        await page.getByTestId('continue').click();
        await page.getByTestId('error-summary').waitFor();
        assert.match(await page.getByTestId('error-summary').innerText(), /There is a problem[\s\S]*Enter a whole number, like 45/);
        await checkEnglish(page, 'question apprentice_count with an error');
      },
    });
    assert.ok(titles.length >= 10, `a title per step: ${titles.join(' | ')}`);
    const card = page.getByTestId('group-eligible').locator('[data-policy="qd-apprenticeship-subsidy"]');
    assert.equal((await card.getByTestId('amount').innerText()).trim(), 'Up to 120,000 yuan');
    assert.equal((await card.locator('.card-status').innerText()).replace('✓', '').trim(), 'You qualify');
    assert.ok(await card.locator('.source q[lang="zh"]').first().isVisible(), 'the Chinese source quote is shown, marked lang="zh"');
    const link = await page.getByTestId('share-link').inputValue();
    assert.equal(fragmentParams(link).lang, 'en', `the share link keeps the language: ${link}`);
    assert.match(fragmentParams(link).a, /apprentice_count:10/);
  });
});

test('answering "I don\'t know" to everything in English: every question asked is in English', async () => {
  await withApp(async ({ page, j }) => {
    const { titles } = await englishJourney(page, j, {});
    assert.ok(titles.length >= 10, titles.join(' | '));
  });
});

test('no Han characters at all on English pages outside elements marked lang="zh"', async () => {
  await withApp(async ({ page, j }) => {
    const { leaks } = await englishJourney(page, j, {});
    assert.deepEqual(leaks, []);
  });
});
