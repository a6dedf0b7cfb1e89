// The links of links.html and links-esm.html, built with the DOM (no markup
// strings, no inline code: the pages run under a strict CSP with Trusted Types).
(function () {
  var q = new URLSearchParams(location.search);
  var main = document.getElementById('links');

  function link(id, href, text, attributes) {
    var a = document.createElement('a');
    a.id = id;
    a.setAttribute('href', href);
    a.textContent = text;
    for (var name in attributes || {}) a.setAttribute(name, attributes[name]);
    var p = document.createElement('p');
    p.appendChild(a);
    main.appendChild(p);
    return a;
  }

  link('out', 'https://other.example.org/page', 'an outlink');
  link('pdf', '/files/report.PDF?v=2', 'a PDF (download by extension)');
  link('dl-class', '/export/report', 'a download by class', { class: 'button matomo-download' });
  link('dl-attr', '/export', 'a download by attribute', { download: '' });
  link('internal', '/about', 'an internal link');
  link('ignored', 'https://other.example.org/ignored', 'an ignored outlink', { class: 'matomo-ignore' });
  link('mail', 'mailto:someone@example.org', 'an e-mail address');
  link('script', 'javascript:void(0)', 'a script link');
  link('nested', 'https://nested.example.org/', '').appendChild(document.createElement('span')).textContent = 'a span inside a link';
  link('shop', 'https://shop.example.com/x', 'a sibling subdomain');
  link('evil', 'https://example.com.evil.net/', 'a look-alike host');
  link('shop-path', 'https://example.com/shop/item', 'a page under example.com/shop');
  link('shopping', 'https://example.com/shopping', 'a page next to example.com/shop');
  link('next', '/e2e/pages/links-next.html', 'the next page, counted as an outlink', { class: 'matomo-link' });

  // a link inside an open shadow root, with a child element as the click target
  var host = document.createElement('div');
  host.id = 'shadow-host';
  main.appendChild(host);
  var inner = document.createElement('a');
  inner.setAttribute('href', 'https://shadow.example.org/');
  inner.appendChild(document.createElement('b')).textContent = 'a link in a shadow root';
  host.attachShadow({ mode: 'open' }).appendChild(inner);

  var many = +q.get('many') || 0;
  for (var i = 0; i < many; i++) {
    // outlinks, downloads and internal links, as on a real page
    link('many-' + i, i % 3 == 0 ? 'https://partner' + (i % 50) + '.example.org/offer/' + i : i % 3 == 1 ? '/files/report-' + i + '.pdf' : '/article/' + i, 'link ' + i);
  }

  // a link that arrives after load, as in a single-page app
  addEventListener('load', function () {
    setTimeout(function () {
      link('later', 'https://later.example.org/', 'a link added after load');
    }, 50);
  });

  // when the page first sees each click (window, capture phase: before any
  // listener of the tracker), for the next page to compare with its navigation start
  addEventListener(
    'click',
    function () {
      sessionStorage.setItem('clickAt', String(performance.timeOrigin + performance.now()));
    },
    true,
  );
  var block = +q.get('block') || 0;
  if (block) {
    addEventListener('click', function () {
      for (var end = performance.now() + block; performance.now() < end; );
    });
  }
  if (q.get('stay')) {
    ['click', 'auxclick', 'contextmenu'].forEach(function (type) {
      addEventListener(type, function (event) {
        event.preventDefault();
      });
    });
  }
  document.body.setAttribute('data-ready', '1');
})();
