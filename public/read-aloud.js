// 朗读 / Read aloud: the browser's own speech synthesis, on the device.
// Loaded by boot.js when the app first asks (after the first page is on
// screen), so it costs the first load nothing.
//
// Privacy: only a voice the browser says is local (`localService`) is ever
// used. A network voice (some desktop browsers offer them) would send the
// text, which may hold a person's answers, to its vendor: where only such
// voices exist, there is no read-aloud control at all, as where there is none.
//
// The controls are buttons with `data-read` (a selector of what to read
// within the nearest `[data-readable]`); the app draws them, and CSS shows
// them only while the root has `has-voice` and `reading`, which only this
// file sets: never a button that does nothing.

const synth = globalThis.speechSynthesis;
const root = document.documentElement;
// Whether the person (or a kiosk, or elder mode) has switched read-aloud on.
let wanted = false;
// The button whose text is being spoken (a second press on it stops), and
// its utterance: a cancelled one reports its end later, when another may
// already be speaking.
let speaking = null;
let utterance = null;
let installed = false;

const language = () => (root.lang.startsWith('en') ? 'en' : 'zh');

// A local voice for `lang` (`zh`, `en`), or undefined.
function voiceFor(lang) {
  if (!synth || typeof globalThis.SpeechSynthesisUtterance !== 'function') return undefined;
  return synth.getVoices().find((v) => v.localService && v.lang.replace('_', '-').toLowerCase().startsWith(lang));
}

function refresh() {
  const hasVoice = voiceFor(language()) !== undefined;
  root.classList.toggle('has-voice', hasVoice);
  root.classList.toggle('reading', hasVoice && wanted);
  if (!hasVoice) stop();
}

function stop() {
  if (speaking) speaking.setAttribute('aria-pressed', 'false');
  speaking = null;
  utterance = null;
  if (synth && (synth.speaking || synth.pending)) synth.cancel();
}

// What a sighted reader sees of `el`: without icons marked aria-hidden.
function textOf(el) {
  const copy = el.cloneNode(true);
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return copy.textContent.replace(/\s+/g, ' ').trim();
}

function read(button) {
  if (speaking === button) return stop();
  stop();
  const lang = language();
  const voice = voiceFor(lang);
  const box = button.closest('[data-readable]');
  if (!voice || !box) return;
  // A pause between the parts: a full stop unless the part ends with one.
  const parts = [...box.querySelectorAll(button.dataset.read)].map(textOf).filter(Boolean);
  const text = parts.map((p) => (/[。？！.?!：:]$/.test(p) ? p : p + (lang === 'zh' ? '。' : '.'))).join(' ');
  const spoken = new SpeechSynthesisUtterance(text);
  spoken.lang = lang === 'zh' ? 'zh-CN' : 'en';
  spoken.voice = voice;
  // Kiosk and elder mode speak a little slower.
  spoken.rate = root.classList.contains('kiosk') || root.classList.contains('elder') ? 0.8 : 1;
  spoken.onend = spoken.onerror = () => {
    if (utterance === spoken) stop();
  };
  speaking = button;
  utterance = spoken;
  button.setAttribute('aria-pressed', 'true');
  synth.speak(spoken);
}

// The app's one entry: `show` with whether read-aloud is switched on (after
// a change of page language too), or `stop` (a new page, a wipe, the idle
// timeout).
export function command(what, on) {
  if (!installed) {
    installed = true;
    // Chromium lists its voices only after a while, and again when they change.
    if (synth) synth.addEventListener('voiceschanged', refresh);
    document.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-read]') : null;
      if (button) read(button);
    });
  }
  if (what === 'stop') stop();
  else {
    wanted = !!on;
    stop();
    refresh();
  }
}
