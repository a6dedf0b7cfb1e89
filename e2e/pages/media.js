// The media fixture's wiring (a file: the page's CSP allows no inline script).
(function () {
  var q = new URLSearchParams(location.search);
  var M = window.MatomoLite;
  if (!M) {
    document.body.setAttribute('data-error', 'window.MatomoLite is missing: run npm run build');
    return;
  }
  for (var i = 0; i < Number(q.get('many') || 0); i++) {
    var video = document.createElement('video');
    video.src = '/demo/files/clip.webm?n=' + i;
    video.preload = 'metadata';
    video.muted = true;
    video.width = 64;
    video.height = 36;
    document.getElementById('more').appendChild(video);
  }
  document.getElementById('fullscreen').addEventListener('click', function () {
    document.getElementById('video').requestFullscreen();
  });
  var t = (window.tracker = M.createTracker({ trackerUrl: '/matomo.php', siteId: 1 }));
  M.trackPageView(t);
  if (q.get('track') !== 'none') {
    var options = { trackEvents: q.get('events') === '1' };
    if (q.get('ping')) options.pingInterval = Number(q.get('ping'));
    window.stopMedia = M.enableMediaTracking(t, options);
  }
  document.body.setAttribute('data-ready', '1');
})();
