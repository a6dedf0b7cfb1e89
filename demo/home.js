// The home page's site search (demo/index.html), in a file of its own: the demo runs
// under a strict Content-Security-Policy, which refuses inline scripts.
// Site search over a tiny index: the keyword, a category and the number of results (0 = no results).
(function () {
  var M = window.MatomoLite;
  var form = document.getElementById('site-search');
  var PAGES = ['Home', 'Article: how tracking works', 'Trail shoes', 'Rain jacket', 'Water bottle'];
  if (!M || !M.trackSiteSearch) {
    form.querySelector('button').disabled = true;
    return;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var keyword = form.q.value.trim();
    if (!keyword) return;
    var found = PAGES.filter(function (p) { return p.toLowerCase().indexOf(keyword.toLowerCase()) >= 0; });
    document.getElementById('search-result').textContent = found.length ? found.join(', ') : 'nothing found';
    var li = document.createElement('li');
    li.textContent = 'trackSiteSearch(tracker, ' + JSON.stringify(keyword) + ', "Demo pages", ' + found.length + ')';
    document.getElementById('demo-log').prepend(li);
    M.trackSiteSearch(window.demoTracker, keyword, 'Demo pages', found.length);
  });
})();
