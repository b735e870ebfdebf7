// Loads the pack studio (studio.html). An external file (not an inline
// script) so the page runs under the same strict Content-Security-Policy as
// the citizen app. Relative URLs: works from any sub-path.
import init from './studio.js';

init({ module_or_path: new URL('./studio_bg.wasm', import.meta.url) }).then(() => {
  // Offline: the studio's own worker (studio-sw.js), for this page only.
  // Service workers need a secure context: HTTPS, or localhost.
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('./studio-sw.js', { scope: './studio.html' }).catch(() => {});
  }
}, (error) => {
  const box = document.getElementById('fatal');
  if (box) {
    box.hidden = false;
    box.textContent = '页面加载失败，请刷新重试。The page failed to load; please reload. (' + error + ')';
  }
});
