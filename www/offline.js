// Offline use and updates (the page's side of www/sw.js).
//
// Registers the service worker that keeps the site for use without a network. When a new
// build has been installed next to the running one, shows the note "A new version of
// shipshape is ready" (#update, made here: the app owns the rest of the page). Its Reload
// button lets the new version take over and reloads the page once it has.
function offer(worker) {
  if (document.getElementById('update')) return;
  const note = document.createElement('div');
  note.id = 'update';
  note.className = 'update-note';
  note.setAttribute('role', 'status');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload';
  button.addEventListener('click', () => {
    button.disabled = true;
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload());
    worker.postMessage('skip-waiting');
  });
  note.append('A new version of shipshape is ready. ', button);
  document.body.append(note);
}

if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('sw.js')
    .then((registration) => {
      // Only an update needs the note: on the first visit nothing is running yet.
      const running = () => navigator.serviceWorker.controller !== null;
      if (registration.waiting && running()) offer(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && running()) offer(worker);
        });
      });
    })
    .catch((e) => console.warn(`shipshape: offline use is not available (${e?.message ?? e})`));
}
