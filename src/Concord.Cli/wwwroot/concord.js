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
  // The link graph (Cytoscape.js, served by this node and loaded on the first graph drawn). A click on a report, a
  // person, a den or an identifier opens its page.
  _cytoscape: null,
  _loadCytoscape() {
    if (window.cytoscape) return Promise.resolve();
    if (!window.concord._cytoscape) {
      window.concord._cytoscape = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = 'lib/cytoscape/cytoscape.min.js';
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return window.concord._cytoscape;
  },
  async graph(elementId, nodes, edges) {
    await window.concord._loadCytoscape();
    const container = document.getElementById(elementId);
    if (!container) return;
    const colours = { report: '#1565c0', identifier: '#757575', device: '#6a1b9a', person: '#c62828', den: '#ef6c00', group: '#00838f' };
    const lines = { confirmed: '#2e7d32', proposed: '#f9a825', rejected: '#bdbdbd', own: '#6a1b9a', knew: '#bdbdbd', names: '#1565c0', held: '#c62828', seized: '#ef6c00', member: '#00838f' };
    if (container._cy) container._cy.destroy();
    const cy = window.cytoscape({
      container,
      elements: [
        ...nodes.map(n => ({ data: { id: n.id, label: n.label, kind: n.kind, href: n.href, center: n.center ? 1 : 0 } })),
        ...edges.map((e, i) => ({ data: { id: 'e' + i, source: e.source, target: e.target, kind: e.kind, label: e.label } })),
      ],
      style: [
        { selector: 'node', style: { 'background-color': n => colours[n.data('kind')] || '#999', label: 'data(label)', 'font-size': 11,
          'font-family': '"Noto Sans", "Noto Sans CJK SC", "Noto Sans Myanmar", sans-serif', 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18 } },
        { selector: 'node[center = 1]', style: { width: 30, height: 30, 'border-width': 3, 'border-color': '#000' } },
        { selector: 'edge', style: { width: 2, 'line-color': e => lines[e.data('kind')] || '#999', 'curve-style': 'bezier', 'font-size': 9, label: 'data(label)',
          'text-rotation': 'autorotate', color: '#555',
          'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': 1 } },
        { selector: 'edge[kind = "confirmed"]', style: { width: 4 } },
        { selector: 'edge[kind = "proposed"]', style: { 'line-style': 'dashed' } },
      ],
      // Rings around the record the graph is drawn for, one step of the links per ring: the same drawing every time,
      // and no two nodes on one spot (a force layout started from one point left them piled up).
      layout: { name: 'breadthfirst', roots: 'node[center = 1]', circle: true, spacingFactor: 1.4, animate: false, padding: 40, avoidOverlap: true },
      wheelSensitivity: 0.3,
    });
    // A small graph is not blown up to fill the box.
    if (cy.zoom() > 1.1) { cy.zoom(1.1); cy.center(); }
    cy.on('tap', 'node', evt => { const href = evt.target.data('href'); if (href) window.location.href = href; });
    container._cy = cy;
    container.dataset.nodes = String(nodes.length);
    container.dataset.edges = String(edges.length);
  },
  // Set once the page's circuit is live: the page answers clicks from then on (tests and slow links wait for it).
  ready() { window.__concordReady = true; document.body.classList.add('concord-live'); },
};
