// The Content page's buttons. No inline code and no HTML strings: the page
// runs under a strict Content-Security-Policy with Trusted Types.
(function () {
  'use strict';
  var M = window.MatomoLite;
  var added = 0;

  function note(text) {
    var log = document.getElementById('demo-log');
    var li = document.createElement('li');
    li.textContent = text;
    log.insertBefore(li, log.firstChild);
  }

  // a block built with createElement: the tracker's MutationObserver finds it
  function block() {
    added++;
    var div = document.createElement('div');
    div.className = 'card';
    div.setAttribute('data-track-content', '');
    div.setAttribute('data-content-name', 'Added block ' + added);
    div.setAttribute('data-content-piece', 'Added at ' + new Date().toLocaleTimeString());
    var link = document.createElement('a');
    link.href = '/demo/';
    link.setAttribute('data-content-target', '');
    link.textContent = 'Added block ' + added + ': a link to the home page';
    div.appendChild(link);
    return div;
  }

  document.getElementById('add-top').addEventListener('click', function () {
    document.getElementById('added').appendChild(block());
    note('added "Added block ' + added + '" in view: its impression goes at once');
  });
  document.getElementById('add-bottom').addEventListener('click', function () {
    document.getElementById('bottom').appendChild(block());
    note('added "Added block ' + added + '" at the bottom: its impression goes when you scroll there');
  });
  document.getElementById('reveal').addEventListener('click', function () {
    document.getElementById('hidden-block').classList.remove('faded');
    note('showed "Revealed teaser"');
  });
  document.getElementById('newsletter').addEventListener('submit', function (event) {
    event.preventDefault();
    if (!M || !M.trackContentInteractionNode) return;
    note('trackContentInteractionNode(tracker, form, "submit")');
    M.trackContentInteractionNode(window.demoTracker, event.target, 'submit');
  });
})();
