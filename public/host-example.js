// The example host page's side of the optional results integration: it
// listens for the event embed.js raises after the applicant agreed to send.
document.addEventListener('policy-explainer:results', (event) => {
  document.getElementById('received').textContent = JSON.stringify(event.detail, null, 2);
});
