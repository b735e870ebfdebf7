// The pack studio's preview: the app (index.html#preview=1) in an iframe of
// studio.html takes its pack from the studio. boot.js loads this file only
// in that mode, so a citizen's page never does. It asks the page around it
// for the edited pack and resolves with a response holding the pack's bytes,
// which the app reads and decodes as defensively as any data-pack bundle. Only a page of this same
// origin is asked and heard: another site that frames the app cannot hand
// it a pack.
export function previewPack() {
  return new Promise((resolve, reject) => {
    const studio = window.parent;
    if (studio === window) {
      reject(new Error('preview=1 is the pack studio\'s preview: open studio.html'));
      return;
    }
    const listener = (event) => {
      if (event.origin !== window.location.origin || event.source !== studio || !(event.data instanceof Uint8Array)) return;
      window.removeEventListener('message', listener);
      resolve(new Response(event.data));
    };
    window.addEventListener('message', listener);
    studio.postMessage('policy-explainer:preview-ready', window.location.origin);
    // The studio answers at once when it has a pack that checks; otherwise
    // it shows no preview at all, so silence means something is wrong.
    setTimeout(() => {
      window.removeEventListener('message', listener);
      reject(new Error('preview=1: the pack studio sent no pack'));
    }, 10000);
  });
}
