// links.html's snippet: Matomo's standard commands, from the query-string knobs.
(function () {
  var q = new URLSearchParams(location.search);
  var _paq = (window._paq = window._paq || []);
  if (q.get('domains')) _paq.push(['setDomains', q.get('domains').split(',')]);
  _paq.push(['trackPageView']);
  _paq.push(q.get('pseudo') ? ['enableLinkTracking', true] : ['enableLinkTracking']);
  _paq.push(['setTrackerUrl', '/matomo.php']);
  _paq.push(['setSiteId', '1']);
})();
