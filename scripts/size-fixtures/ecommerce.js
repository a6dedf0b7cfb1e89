// A shop: product views, the cart and orders.
import {
  createTracker,
  trackPageView,
  setEcommerceView,
  addEcommerceItem,
  trackEcommerceCartUpdate,
  trackEcommerceOrder,
} from 'matomo-lite';

const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
setEcommerceView(tracker, 'SKU1', 'Shoe', 'Shoes', 50);
trackPageView(tracker);
addEcommerceItem(tracker, 'SKU1', 'Shoe', 'Shoes', 50, 1);
trackEcommerceCartUpdate(tracker, 50);
trackEcommerceOrder(tracker, 'A1', 50);
