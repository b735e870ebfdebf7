// Printing: on a personal device the results print on A4 with the rules-as-of
// date and without the page's controls; a kiosk prints an 80 mm receipt with
// what the applicant qualifies for and the take-home QR code. The PDFs are
// kept in test-results/ as artefacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, openApp, Journey, KioskJourney, artefactsDir } from './support.mjs';
import { laoshanOverseasTalent } from './scenarios.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); fs.mkdirSync(artefactsDir, { recursive: true }); });
after(async () => { await browser?.close(); await server?.close(); });

/** The page size of a PDF in millimetres, read from its first MediaBox. */
function pageSizeMm(pdf) {
  const m = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  assert.ok(m, 'the PDF has a MediaBox');
  return [Number(m[1]) * 25.4 / 72, Number(m[2]) * 25.4 / 72];
}

const visible = (page, selector) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).display !== 'none');

test('results print on A4 with the rules-as-of date and without the controls', async () => {
  const { page, context } = await openApp(browser, server.url);
  await new Journey(page).runToResults(laoshanOverseasTalent);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('details:not([open])').count(), 0, 'the browser\'s own print opens every card\'s conditions and sources');
  assert.equal(await visible(page, '.header-actions'), false, 'no language switch or clear button on paper');
  assert.equal(await visible(page, '.share'), false, 'no share controls on paper');
  assert.equal(await visible(page, '.result-actions'), false);
  assert.match(await page.getByTestId('results-rules-as-of').innerText(), /政策整理截至 \d{4}-\d{2}-\d{2}/);
  assert.equal(await visible(page, '.print-only'), true, 'the printing date is on paper');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(artefactsDir, 'results-a4.pdf'), pdf);
  const [w, h] = pageSizeMm(pdf);
  assert.ok(Math.abs(w - 210) < 1 && Math.abs(h - 297) < 1, `A4, got ${w.toFixed(1)} × ${h.toFixed(1)} mm`);
  await context.close();
});

test('a kiosk prints an 80 mm receipt with the results to act on and the QR code', async () => {
  const { page, context } = await openApp(browser, `${server.url}#kiosk=1`);
  await new KioskJourney(page).runToResults(laoshanOverseasTalent);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await visible(page, '.group-likely'), true);
  assert.equal(await visible(page, '[data-testid=other-results]'), false, 'the receipt leaves out what does not apply');
  assert.equal(await visible(page, '[data-testid=qr-code]'), true);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(artefactsDir, 'kiosk-receipt.pdf'), pdf);
  const [w] = pageSizeMm(pdf);
  assert.ok(Math.abs(w - 80) < 1, `80 mm wide, got ${w.toFixed(1)} mm`);
  await context.close();
});
