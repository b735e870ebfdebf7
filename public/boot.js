// Loads the app. An external file (not an inline script) so the page runs
// under a strict Content-Security-Policy. Relative URLs: works from any sub-path.
import init from './policy-explainer.js';

init({ module_or_path: new URL('./policy-explainer_bg.wasm', import.meta.url) }).catch((error) => {
  const box = document.getElementById('fatal');
  if (box) {
    box.hidden = false;
    box.textContent = '页面加载失败，请刷新重试。The page failed to load; please reload. (' + error + ')';
  }
});
