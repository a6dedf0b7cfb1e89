// The Links page's script-built links: one added after load, one inside a
// shadow root. DOM calls only (createElement, textContent): the page's CSP
// allows no inline code and its Trusted Types policy no markup strings.
(function () {
  'use strict';

  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = text;
    return a;
  }

  function item(list, a, note) {
    var li = document.createElement('li');
    li.appendChild(a);
    li.appendChild(document.createTextNode(note));
    list.appendChild(li);
  }

  addEventListener('load', function () {
    setTimeout(function () {
      item(document.getElementById('later'), link('https://developer.mozilla.org/', 'developer.mozilla.org'), ': an outlink added after load');
    }, 500);
  });

  // styled from demo.css through its part name: an inline <style> would break the CSP
  var inShadow = link('https://web.dev/articles/shadowdom-v1', '');
  inShadow.setAttribute('part', 'link');
  inShadow.appendChild(document.createElement('span')).textContent = 'web.dev on shadow DOM: an outlink inside a shadow root';
  document.getElementById('shadow-host').attachShadow({ mode: 'open' }).appendChild(inShadow);
})();
