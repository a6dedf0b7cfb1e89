// What e2e/security.spec.ts runs under the strict policy: every kind of
// hit and every transport the build has, on a tracker object with
// matomo.js's method names (the script builds' Matomo.getAsyncTracker(),
// or csp-esm.js's object over the npm build). Methods a build lacks are
// skipped (the script builds warn, which is fine).
window.exercise = async function (t) {
  var wait = function (ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  };
  var call = function (name) {
    var args = [].slice.call(arguments, 1);
    if (typeof t[name] == 'function') return t[name].apply(t, args);
  };
  var click = function (id) {
    var link = document.getElementById(id);
    // the click is seen by the tracker's listeners; the page stays
    link.addEventListener('click', function (event) { event.preventDefault(); }, { once: true });
    link.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
  };
  call('setDomains', [location.hostname]);
  call('enableLinkTracking');
  call('trackAllContentImpressions');
  call('trackVisibleContentImpressions');
  call('enableMediaTracking');
  call('enableCrossDomainLinking');
  call('enableHeartBeatTimer', 5);
  call('enableJSErrorTracking');
  call('setCustomDimension', 1, 'csp');
  call('setUserId', 'csp-user');
  call('trackPageView', 'CSP');
  call('trackEvent', 'CSP', 'event', 'name', 1);
  call('trackSiteSearch', 'csp', 'Docs', 3);
  call('trackGoal', 1, 2.5);
  call('setEcommerceView', 'SKU1', 'Shoe', 'Shoes', 50);
  call('addEcommerceItem', 'SKU1', 'Shoe', 'Shoes', 50, 1);
  call('trackEcommerceCartUpdate', 50);
  call('trackEcommerceOrder', 'CSP-' + Date.now(), 55, 50, 0, 5);
  call('appendToTrackingUrl', 'csp=1');
  call('trackRequest', 'e_c=CSP&e_a=raw&ca=1');
  call('appendToTrackingUrl', '');
  call('ping');
  await wait(300);
  click('outlink');
  click('download');
  call('trackLink', 'https://other.example/x', 'link');
  // consent: held, released, withdrawn, given again
  call('requireConsent');
  call('trackEvent', 'CSP', 'held');
  call('setConsentGiven');
  call('rememberConsentGiven');
  call('forgetConsentGiven');
  call('trackEvent', 'CSP', 'dropped');
  call('rememberConsentGiven');
  call('requireCookieConsent');
  call('trackEvent', 'CSP', 'cookieless');
  call('rememberCookieConsentGiven');
  call('setRequestMethod', 'POST');
  call('trackEvent', 'CSP', 'post');
  call('getVisitorId');
  call('getCrossDomainLinkingUrlParameter');
  call('getAttributionInfo');
  await wait(1000);
  call('trackEvent', 'CSP', 'done');
};
