// The first paint and the fallback (issue 17): until the wasm has loaded the
// page shows the app's name and a loading line as static HTML, under the
// same CSP; a browser without WebAssembly, or a wasm that fails to load,
// gets a message with links to the static policy pages, never a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('while the wasm is still on its way, the page already says what it is and that it is loading', async () => {
  const { page, context, problems } = await newPage(browser);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/policy-explainer_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(server.url, { waitUntil: 'domcontentloaded' });
  const boot = page.getByTestId('boot');
  await boot.waitFor();
  assert.match(await boot.innerText(), /人才政策查询/, 'the name');
  assert.match(await page.locator('#boot-line').innerText(), /正在加载/, 'and a loading line');
  assert.equal(await page.locator('#boot-line').getAttribute('role'), 'status', 'announced to screen readers');
  assert.ok((await boot.boundingBox()).height > 0, 'visible, not a blank page');
  release();
  await page.getByTestId('start').waitFor();
  assert.equal(await page.getByTestId('boot').count(), 0, 'replaced by the app once it mounts');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a browser without WebAssembly is offered the static policy pages', async () => {
  const { page, context } = await newPage(browser, { initScript: () => { delete globalThis.WebAssembly; } });
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('#boot-line a'));
  assert.match(await page.locator('#boot-line').innerText(), /无法运行本查询工具/);
  const links = await page.locator('#boot-line a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['policies/index.html', 'policies/en/index.html']);
  await page.locator('#boot-line a').first().click();
  await page.waitForURL(/policies\/index\.html$/);
  assert.ok((await page.locator('h1').innerText()).length > 0, 'the static library opens');
  await context.close();
});

test('a wasm that fails to load says so in words, with the static pages beside it', async () => {
  const { page, context } = await newPage(browser);
  await page.route('**/policy-explainer_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('#boot-line a'));
  assert.match(await page.locator('#boot-line').innerText(), /加载失败/);
  const fatal = await page.locator('#fatal').innerText();
  assert.match(fatal, /页面加载失败，请刷新重试/);
  assert.doesNotMatch(fatal, /\bat\s+\S+:\d+:\d+/, 'no stack');
  await context.close();
});
