// Matomo's standard snippet, less the script element (cdn.html has the tag).
var _paq = (window._paq = window._paq || []);
_paq.push(['trackPageView']);
_paq.push(['setTrackerUrl', '/matomo.php']);
_paq.push(['setSiteId', '2']);
