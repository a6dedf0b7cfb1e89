// csp.html: the usual _paq setup, from a file (no inline script under the policy);
// the tracker URL is on the other loopback name, a cross-origin Matomo.
var _paq = (window._paq = window._paq || []);
_paq.push(['setTrackerUrl', location.protocol + '//' + (location.hostname == 'localhost' ? '127.0.0.1' : 'localhost') + ':' + location.port + '/matomo.php']);
_paq.push(['setSiteId', 1]);
