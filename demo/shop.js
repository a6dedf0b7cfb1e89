// The shop page (demo/shop.html), in a file of its own: the demo runs under a
// strict Content-Security-Policy with Trusted Types (no inline script, no innerHTML).
// The shop, on top of demo.js's tracker; every call is skipped when the build lacks it.
(function () {
  var M = window.MatomoLite;
  var tracker = window.demoTracker;
  var SHIPPING = 5;
  var log = document.getElementById('demo-log');
  var buttons = document.querySelectorAll('[data-shop]');
  if (!M || !tracker || !M.addEcommerceItem) {
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    return;
  }
  function call(name, args) {
    var li = document.createElement('li');
    li.textContent = name + '(tracker' + args.map(function (a) { return ', ' + JSON.stringify(a); }).join('') + ')';
    log.insertBefore(li, log.firstChild);
    return M[name].apply(null, [tracker].concat(args));
  }
  function items() {
    var all = M.getEcommerceItems(tracker);
    return Object.keys(all).map(function (sku) { return all[sku]; });
  }
  function subtotal() {
    return Math.round(items().reduce(function (sum, i) { return sum + i[3] * i[4]; }, 0) * 100) / 100;
  }
  function line(text) {
    var li = document.createElement('li');
    li.textContent = text;
    return li;
  }
  function render() {
    var list = document.getElementById('cart');
    var lines = items().map(function (i) { return line(i[4] + ' × ' + i[1] + ' (' + i[0] + ')'); });
    list.replaceChildren.apply(list, lines.length ? lines : [line('empty')]);
    document.getElementById('cart-total').textContent = '€' + subtotal().toFixed(2);
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-shop]');
    if (!button) return;
    var product = button.closest('[data-sku]');
    var p = product && product.dataset;
    var action = button.getAttribute('data-shop');
    if (action === 'view' && M.setEcommerceView) {
      call('setEcommerceView', [p.sku, p.name, p.category, Number(p.price)]);
      call('trackPageView', [p.name]);
    } else if (action === 'add') {
      var line = M.getEcommerceItems(tracker)[p.sku];
      call('addEcommerceItem', [p.sku, p.name, p.category, Number(p.price), line ? line[4] + 1 : 1]);
      if (M.trackEcommerceCartUpdate) call('trackEcommerceCartUpdate', [subtotal()]);
    } else if (action === 'order' && M.trackEcommerceOrder) {
      if (!items().length) return void alert('The cart is empty.');
      // order ids are unique per site: Matomo refuses a second order with the same id
      call('trackEcommerceOrder', ['DEMO-' + Date.now().toString(36).toUpperCase(), subtotal() + SHIPPING, subtotal(), 0, SHIPPING]);
    } else if (action === 'clear') {
      call('clearEcommerceCart', []);
      if (M.trackEcommerceCartUpdate) call('trackEcommerceCartUpdate', [0]);
    }
    render();
  });
  render();
})();
