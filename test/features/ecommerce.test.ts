import { afterEach, describe, expect, it } from 'vitest';
import {
  addEcommerceItem,
  clearEcommerceCart,
  getEcommerceItems,
  removeEcommerceItem,
  setCustomDimension,
  setEcommerceView,
  ping,
  trackEcommerceCartUpdate,
  trackEcommerceOrder,
  trackEvent,
  trackPageView,
} from '../../src/index';
import { actionPart, setup, teardown, tracker } from './support';
import { said } from '../warnings';

afterEach(teardown);

const any = (value: unknown) => value as never;
const ITEMS_TV07 =
  'ec_items=%5B%5B%22SKU1%22%2C%22Shirt%22%2C%22Clothes%22%2C19.99%2C2%5D%2C%5B%22SKU2%22%2C%22%22%2C%22%22%2C0%2C1%5D%5D';

describe('cart and orders (§6.5, TV-07)', () => {
  it('sends the cart update, the order, then an order with an empty cart', async () => {
    const { hits } = setup();
    const t = tracker();
    trackPageView(t);
    addEcommerceItem(t, 'SKU1', 'Shirt', 'Clothes', 19.99, 2);
    addEcommerceItem(t, 'SKU2');
    trackEcommerceCartUpdate(t, 39.98);
    expect(Object.keys(getEcommerceItems(t)!)).toEqual(['SKU1', 'SKU2']);
    trackEcommerceOrder(t, 'A100', 49.98, 39.98, 5, 5, 0);
    expect(getEcommerceItems(t)).toEqual({});
    trackEcommerceOrder(t, 'A101', 10);
    const [view, update, order, second] = await hits();
    expect(actionPart(update)).toBe('idgoal=0&revenue=39.98&' + ITEMS_TV07);
    expect(actionPart(order)).toBe('idgoal=0&ec_id=A100&revenue=49.98&ec_st=39.98&ec_tx=5&ec_sh=5&ec_dt=0&' + ITEMS_TV07);
    // rewrite: absent amounts are left out, never `undefined`
    expect(actionPart(second)).toBe('idgoal=0&ec_id=A101&revenue=10&ec_items=%5B%5D');
    for (const h of [update, order, second]) {
      expect(h.get('pv_id')).toBe(view.get('pv_id'));
      expect(h.keys).not.toContain('ca');
    }
    expect(JSON.parse(update.get('ec_items')!)).toEqual([['SKU1', 'Shirt', 'Clothes', 19.99, 2], ['SKU2', '', '', 0, 1]]);
  });

  it('replaces an item with the same SKU in place, removes and clears', async () => {
    const { hits } = setup();
    const t = tracker();
    addEcommerceItem(t, 'B', 'Bee');
    addEcommerceItem(t, 12, 'Twelve', ['Cat', 'Sub'], '3.50', '2');
    addEcommerceItem(t, 'C', 'Sea');
    addEcommerceItem(t, 'B', 'Bee 2', 'New', 4, 3);
    expect(getEcommerceItems(t)).toEqual({
      B: ['B', 'Bee 2', 'New', 4, 3],
      12: ['12', 'Twelve', ['Cat', 'Sub'], '3.50', '2'],
      C: ['C', 'Sea', '', 0, 1],
    });
    trackEcommerceCartUpdate(t, '19.50');
    removeEcommerceItem(t, 'C');
    removeEcommerceItem(t, 'nope');
    trackEcommerceCartUpdate(t, 15.5);
    clearEcommerceCart(t);
    trackEcommerceCartUpdate(t, 0);
    const [first, second, third] = await hits();
    // insertion order (matomo.js would put the integer-like SKU 12 first)
    expect(JSON.parse(first.get('ec_items')!)).toEqual([
      ['B', 'Bee 2', 'New', 4, 3],
      ['12', 'Twelve', ['Cat', 'Sub'], '3.50', '2'],
      ['C', 'Sea', '', 0, 1],
    ]);
    expect(first.get('revenue')).toBe('19.50');
    expect(JSON.parse(second.get('ec_items')!).map((i: string[]) => i[0])).toEqual(['B', '12']);
    expect(actionPart(third)).toBe('idgoal=0&revenue=0&ec_items=%5B%5D');
  });

  it('getEcommerceItems returns a copy', () => {
    setup();
    const t = tracker();
    addEcommerceItem(t, 'A', 'x', ['c1'], 1, 1);
    const copy = getEcommerceItems(t)!;
    copy.A[1] = 'changed';
    (copy.A[2] as string[]).push('c2');
    expect(getEcommerceItems(t)).toEqual({ A: ['A', 'x', ['c1'], 1, 1] });
  });

  it('refuses bad items and amounts with a warning, and sends nothing', async () => {
    const { hits, warnings } = setup();
    const t = tracker();
    addEcommerceItem(t, '', 'No SKU');
    addEcommerceItem(t, any(undefined));
    addEcommerceItem(t, 'S', 'n', 'c', 'free');
    addEcommerceItem(t, 'S', 'n', 'c', 1, any('two'));
    expect(getEcommerceItems(t)).toEqual({});
    trackEcommerceCartUpdate(t, any(undefined));
    trackEcommerceCartUpdate(t, any('abc'));
    trackEcommerceOrder(t, '', 10);
    trackEcommerceOrder(t, 'A1', any(undefined));
    trackEcommerceOrder(t, 'A1', 10, any('x'));
    trackEcommerceOrder(t, 'A1', 10, 9, 1, any(NaN));
    setEcommerceView(t, 'S', 'n', 'c', any('cheap'));
    setEcommerceView(t, 'S', 'n', any({ top: 'Shoes' }));
    addEcommerceItem(t, 'S', any({ en: 'Shoe' }));
    setEcommerceView(t, 'S', any(NaN));
    trackPageView(t);
    expect((await hits()).map((h) => h.keys.filter((k) => k.startsWith('_pk') || k.startsWith('ec_')))).toEqual([[]]);
    expect(warnings()).toEqual(said([
      'addEcommerceItem: sku must be a non-empty string, got ""; ignored',
      'addEcommerceItem: sku must be a non-empty string, got undefined; ignored',
      'addEcommerceItem: price must be a number, got "free"; ignored',
      'addEcommerceItem: quantity must be a number, got "two"; ignored',
      'trackEcommerceCartUpdate: grandTotal must be a number, got undefined; ignored',
      'trackEcommerceCartUpdate: grandTotal must be a number, got "abc"; ignored',
      'trackEcommerceOrder: orderId must be a non-empty string, got ""; ignored',
      'trackEcommerceOrder: grandTotal must be a number, got undefined; ignored',
      'trackEcommerceOrder: subTotal must be a number, got "x"; ignored',
      'trackEcommerceOrder: shipping must be a number, got NaN; ignored',
      'setEcommerceView: price must be a number, got "cheap"; ignored',
      'setEcommerceView: category must be a string, got [object Object]; ignored',
      'addEcommerceItem: name must be a string, got [object Object]; ignored',
      'setEcommerceView: name must be a string, got NaN; ignored',
    ]));
  });

  it('treats false, null and empty amounts as absent (matomo.js docs pass false for no discount)', async () => {
    const { hits } = setup();
    const t = tracker();
    trackEcommerceOrder(t, 1001, '25', any(null), '', 0, false);
    const [order] = await hits();
    expect(actionPart(order)).toBe('idgoal=0&ec_id=1001&revenue=25&ec_sh=0&ec_items=%5B%5D');
  });
});

describe('setEcommerceView (§6.5, TV-08)', () => {
  it('puts the product view on the next page view, in TV-08 order, and not on later hits', async () => {
    const { hits } = setup();
    const t = tracker();
    trackPageView(t);
    setEcommerceView(t, 'S1', 'N1', ['C1', 'C2'], 9.99);
    setCustomDimension(t, 1, 'my custom value with éàç&*() EOL');
    setCustomDimension(t, 3);
    setCustomDimension(t, 2, 'two');
    trackPageView(t, 'Second', { dimension2: 'over', foo: 'bar' });
    ping(t);
    trackEvent(t, 'C', 'A');
    const [, view, pinged, event] = await hits();
    expect(view.raw).toMatch(
      /^action_name=Second&idsite=1&.*&_refts=1894716309&_ref=https%3A%2F%2Fwww\.google\.com%2F&dimension2=over&_pkc=%5B%22C1%22%2C%22C2%22%5D&_pkp=9\.99&_pks=S1&_pkn=N1&dimension1=my%20custom%20value%20with%20%C3%A9%C3%A0%C3%A7%26\*\(\)%20EOL&dimension3=&data=%7B%22foo%22%3A%22bar%22%7D&pv_id=\w{6}&/,
    );
    // matomo.js repeats _pk* on the ping (TV-08); we do not
    expect(pinged.raw).toContain('&_ref=https%3A%2F%2Fwww.google.com%2F&dimension1=my%20custom%20value%20with%20%C3%A9%C3%A0%C3%A7%26*()%20EOL&dimension2=two&dimension3=&pv_id=' + view.get('pv_id') + '&');
    for (const h of [pinged, event]) expect(h.keys.filter((k) => k.startsWith('_pk'))).toEqual([]);
  });

  it('encodes category pages, number SKUs and missing parts as matomo.js', async () => {
    const { hits } = setup();
    const t = tracker();
    setEcommerceView(t, undefined, undefined, 'Shoes');
    trackPageView(t);
    setEcommerceView(t, 42, undefined, undefined, '12.00');
    trackPageView(t);
    setEcommerceView(t, '', 'Name only', any(7));
    trackPageView(t);
    setEcommerceView(t);
    trackPageView(t);
    const views = await hits();
    const pk = (h: (typeof views)[0]) => h.keys.filter((k) => k.startsWith('_pk')).map((k) => k + '=' + h.get(k));
    expect(views.map(pk)).toEqual([
      ['_pkc=Shoes'],
      ['_pkc=', '_pkp=12.00', '_pks=42', '_pkn='],
      ['_pkc=7', '_pkn=Name only'],
      ['_pkc='],
    ]);
  });
});
