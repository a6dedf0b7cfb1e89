import { send } from '../core/send.js';
import type { Tracker } from '../core/tracker.js';
import { api, must } from '../core/api.js';
import { isNumeric, isText } from '../core/validate.js';
import type { Params } from '../context/params.js';

/**
 * Ecommerce (§6.5): product and category views, the cart, cart updates and
 * orders, in matomo.js's wire format. Amounts go on the wire as given (a
 * number or a numeric string); anything else is refused with a warning.
 */

/** One cart line as `ec_items` sends it: [sku, name, category, price, quantity]. */
export type EcommerceItem = [sku: string, name: unknown, category: unknown, price: number | string, quantity: number | string];

declare module '../core/tracker.js' {
  interface Tracker {
    /** the cart: items by SKU, in the order first added */
    _cart?: Map<string, EcommerceItem>;
  }
}

/** A SKU as the cart keys it: a number or a non-empty string, as a string. */
const skuOf = (sku: unknown): string | undefined =>
  (typeof sku == 'number' ? isFinite(sku) : typeof sku == 'string') && String(sku).trim() ? String(sku) : undefined;

/** No value given: left off the hit (matomo.js would send `undefined` or `false`). */
const absent = (value: unknown) => value == null || value === '' || value === false;

/** An argument to check: its name, its value, and 0: an amount, 1: an amount or absent, 2: text or null, 3: an id (SKU, order id). */
type Check = [name: string, value: unknown, kind?: 0 | 1 | 2 | 3, ...rest: string[]];

/** True when every argument is valid; else warns about the first bad one. */
const valid = (call: string, checks: Check[]): boolean =>
  !checks.some(
    ([name, value, kind = 0]) =>
      (kind > 2 ? !skuOf(value) : kind > 1 ? value != null && !isText(value) : !(kind && absent(value)) && !isNumeric(value)) &&
      (must(call, value, __DEBUG__ && name + ' must be ' + (kind > 2 ? 'a non-empty string' : kind > 1 ? 'a string' : 'a number')), 1),
  );

const cart = (tracker: Tracker) => (tracker._cart ||= new Map());

/**
 * Marks the next page view as a product view (with a SKU or a name) or a
 * category view (category only). Call it before trackPageView. The category
 * may be an array of up to 5 levels. Unlike matomo.js, the view goes on the
 * next page view only, not on every later hit.
 *
 * ```ts
 * setEcommerceView(tracker, 'SKU-1', 'Trail shoes', ['Shoes', 'Running'], 89);
 * trackPageView(tracker);
 * ```
 */
export const setEcommerceView = api(
  'setEcommerceView',
  (tracker, sku?: string | number, name?: string, category?: string | string[], price?: number | string): void => {
    const call = 'setEcommerceView';
    if (valid(call, [['name', name, 2], ['category', Array.isArray(category) ? '' : category, 2], ['price', price, 1]])) {
      tracker._ecView = [
        ['_pkc', Array.isArray(category) ? JSON.stringify(category) : absent(category) ? '' : String(category)],
        ['_pkp', absent(price) ? undefined : price],
        ['_pks', skuOf(sku)],
        // neither SKU nor name: a category page, without `_pkn`
        ['_pkn', absent(name) ? skuOf(sku) && '' : String(name)],
      ];
    }
  },
);

/**
 * Puts an item in the cart, or replaces the item with the same SKU in place.
 * Price defaults to 0, quantity to 1.
 *
 * ```ts
 * addEcommerceItem(tracker, 'SKU-1', 'Trail shoes', 'Shoes', 89, 1);
 * ```
 */
export const addEcommerceItem = api(
  'addEcommerceItem',
  (tracker, sku: string | number, name?: string, category?: string | string[], price?: number | string, quantity?: number | string): void => {
    const call = 'addEcommerceItem';
    const key = skuOf(sku)!;
    if (!valid(call, [['sku', sku, 3], ['name', name, 2], ['category', Array.isArray(category) ? '' : category, 2], ['price', price, 1], ['quantity', quantity, 1]])) return;
    cart(tracker).set(key, [key, name ?? '', category ?? '', absent(price) ? 0 : price!, absent(quantity) ? 1 : quantity!]);
  },
);

/** Takes the item with this SKU out of the cart. */
export const removeEcommerceItem = api('removeEcommerceItem', (tracker, sku: string | number): void => {
  tracker._cart?.delete(String(sku));
});

/** Empties the cart. */
export const clearEcommerceCart = api('clearEcommerceCart', (tracker): void => {
  tracker._cart = undefined;
});

/** A copy of the cart, as matomo.js returns it: `{ [sku]: [sku, name, category, price, quantity] }`. */
export const getEcommerceItems = api('getEcommerceItems', (tracker): Record<string, EcommerceItem> =>
  JSON.parse(JSON.stringify(Object.fromEntries(cart(tracker)))),
);

/**
 * Sends `idgoal=0`, the amounts (`[argument, value, kind, parameter]`, in
 * matomo.js's parameter order; absent ones left off) and the cart's items,
 * if every amount is valid; true when sent.
 */
function sendCart(tracker: Tracker, call: string, amounts: Check[]): boolean | void {
  if (valid(call, amounts)) {
    send(
      tracker,
      [['idgoal', 0], ...amounts.map(([, value, , param]): Params[0] => [param!, absent(value) ? undefined : (value as string)]), ['ec_items', JSON.stringify([...cart(tracker).values()])]],
      call,
    );
    return true;
  }
}

/**
 * Reports the cart's content and total (`idgoal=0`, `revenue`, `ec_items`),
 * e.g. after each change. The cart is kept.
 *
 * ```ts
 * trackEcommerceCartUpdate(tracker, 89);
 * ```
 */
export const trackEcommerceCartUpdate = api('trackEcommerceCartUpdate', (tracker, grandTotal: number | string): void => {
  sendCart(tracker, 'trackEcommerceCartUpdate', [['grandTotal', grandTotal, 0, 'revenue']]);
});

/**
 * Records an order of the cart's items, then empties the cart. Order ids are
 * unique per site: Matomo refuses a second order with the same id. Amounts
 * not given are left off the hit.
 *
 * ```ts
 * trackEcommerceOrder(tracker, 'A100', 104, 89, 15); // grand total, subtotal, tax
 * ```
 */
export const trackEcommerceOrder = api(
  'trackEcommerceOrder',
  (
    tracker,
    orderId: string | number,
    grandTotal: number | string,
    subTotal?: number | string,
    tax?: number | string,
    shipping?: number | string,
    discount?: number | string | false,
  ): void => {
    if (
      sendCart(tracker, 'trackEcommerceOrder', [
        ['orderId', orderId, 3, 'ec_id'],
        ['grandTotal', grandTotal, 0, 'revenue'],
        ['subTotal', subTotal, 1, 'ec_st'],
        ['tax', tax, 1, 'ec_tx'],
        ['shipping', shipping, 1, 'ec_sh'],
        ['discount', discount, 1, 'ec_dt'],
      ])
    ) {
      tracker._cart = undefined;
    }
  },
);
