// Embeds the policy explainer in a host page with one script tag:
//
//   <script src="https://APP-ADDRESS/embed.js" data-lang="zh" data-region="laoshan" defer></script>
//
// It puts an iframe of the app after the script tag (or into the element
// named by data-target) and keeps the iframe as tall as the app's content.
// Options (all optional) are documented in the README. Messages from the
// iframe are accepted only from the app's exact origin and window, and are
// read as data, never as code or markup.
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || !script.src) return;
  const d = script.dataset;
  const appUrl = new URL('index.html', script.src);
  const appOrigin = appUrl.origin;

  const options = ['embed=1', 'host=' + encodeURIComponent(window.location.origin)];
  const pass = (key, value) => { if (value) options.push(key + '=' + encodeURIComponent(value)); };
  pass('lang', d.lang);
  pass('pack', d.pack);
  pass('region', d.region);
  pass('facts', d.facts);
  pass('idle', d.idle);
  if (d.kiosk === 'true') options.push('kiosk=1');
  if (d.assist === 'true') options.push('assist=1');
  if (d.elder === 'true') options.push('elder=1');
  if (d.sendResults === 'true') options.push('results=1');
  pass('share', d.shareBase);
  // data-policy="ID" opens that policy's page; data-policy="all" the library.
  if (d.policy === 'all') options.push('policies'); else pass('policy', d.policy);
  const theme = Object.keys(d)
    .filter((k) => k.startsWith('theme') && k.length > 5)
    .map((k) => k.slice(5).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/^-/, '') + ':' + d[k]);
  pass('theme', theme.join(','));

  const iframe = document.createElement('iframe');
  // The options travel in the fragment, which is never sent to a server.
  iframe.src = appUrl.href + '#' + options.join('&');
  iframe.title = d.title || (d.lang === 'en' ? 'Talent policy checker' : '人才政策查询');
  iframe.referrerPolicy = 'no-referrer';
  iframe.setAttribute('allow', 'clipboard-write');
  iframe.className = 'policy-explainer-frame';
  // Set through the CSS object model, which a host's strict CSP allows.
  iframe.style.width = '100%';
  iframe.style.border = '0';
  iframe.style.display = 'block';
  iframe.style.height = (Number(d.initialHeight) > 0 ? Number(d.initialHeight) : 640) + 'px';

  const target = d.target ? document.getElementById(d.target) : null;
  if (target) target.appendChild(iframe); else script.after(iframe);

  window.addEventListener('message', (event) => {
    if (event.origin !== appOrigin || event.source !== iframe.contentWindow) return;
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'policy-explainer:height') {
      const height = Number(message.height);
      if (Number.isFinite(height) && height > 0 && height < 100000) iframe.style.height = Math.ceil(height) + 'px';
    } else if (message.type === 'policy-explainer:results' && d.sendResults === 'true' && Array.isArray(message.results)) {
      // Only what the applicant agreed to send: each policy's verdict and amount.
      const detail = {
        pack: String(message.pack),
        date: String(message.date),
        results: message.results.map((r) => ({
          id: String(r && r.id),
          status: String(r && r.status),
          max_amount: r && typeof r.max_amount === 'number' ? r.max_amount : null,
          // The year of an old report a result rests on, so the host can say so too.
          source_age: r && typeof r.source_age === 'number' ? r.source_age : null,
        })),
      };
      script.dispatchEvent(new CustomEvent('policy-explainer:results', { bubbles: true, detail }));
    }
  });
})();
