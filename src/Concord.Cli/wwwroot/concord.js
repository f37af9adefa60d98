// Keyboard shortcuts for pages that declare them: a page registers a .NET object whose OnKey method decides.
window.concord = {
  _handler: null,
  listenKeys(dotnet) {
    window.concord.stopKeys();
    window.concord._handler = (e) => {
      const t = e.target;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable) && e.key !== 'Escape') return;
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      dotnet.invokeMethodAsync('OnKey', e.key);
    };
    document.addEventListener('keydown', window.concord._handler);
  },
  stopKeys() {
    if (window.concord._handler) document.removeEventListener('keydown', window.concord._handler);
    window.concord._handler = null;
  },
  print() { window.print(); },
  // Brings the first field in error into view, in the middle of its scrolled table, and puts the cursor in it.
  // Selectors are tried in order: the first that finds a field wins.
  showFirstError(...selectors) {
    const field = selectors.map(s => document.querySelector(s)).find(f => f);
    if (!field) return;
    field.scrollIntoView({ block: 'center', inline: 'center' });
    field.focus({ preventScroll: true });
  },
  // Set once the page's circuit is live: the page answers clicks from then on (tests and slow links wait for it).
  ready() { window.__concordReady = true; document.body.classList.add('concord-live'); },
};
