// Shared test data for the collector tests (not a test file itself).

/** The page-view hit of PROTOCOL.md TV-01, with concrete values for the placeholders. */
export const TV01 =
  'action_name=Products%20%26%20Co&idsite=1&rec=1&r=66&h=14&m=5&s=9' +
  '&url=https%3A%2F%2Fwww.example.com%2Fproducts%3Fid%3D5&urlref=https%3A%2F%2Fwww.google.com%2F' +
  '&_id=feba15f904438755&_idn=1&send_image=0&_refts=1894716309&_ref=https%3A%2F%2Fwww.google.com%2F' +
  '&pv_id=h5pKgT&pf_net=35&pf_srv=100&pf_tfr=20&pf_dm1=300&pf_dm2=500&pf_onl=5' +
  '&uadata=%7B%7D&pdf=1&qt=0&realp=0&wma=0&fla=0&java=0&ag=0&cookie=1&res=1920x1080';

/**
 * TV-01 with some parameters replaced (in place), removed (null) or appended.
 * Values are given decoded and encoded here.
 */
export function tv01With(mods = {}) {
  const out = [];
  const done = new Set();
  for (const pair of TV01.split('&')) {
    const key = pair.slice(0, pair.indexOf('='));
    if (Object.prototype.hasOwnProperty.call(mods, key)) {
      done.add(key);
      if (mods[key] !== null) out.push(`${key}=${encodeURIComponent(mods[key])}`);
    } else {
      out.push(pair);
    }
  }
  for (const [key, value] of Object.entries(mods)) {
    if (!done.has(key) && value !== null) out.push(`${key}=${encodeURIComponent(value)}`);
  }
  return out.join('&');
}

/** An event built the way TV-03 builds one: no action_name, e_c/e_a and ca=1. */
export const eventWith = (mods = {}) => tv01With({ action_name: null, e_c: 'Video', e_a: 'Play', ca: '1', ...mods });

/** A Media Analytics update (§10.1) as enableMediaTracking sends one: the view's parameters and ca=1. */
export const mediaWith = (mods = {}) =>
  tv01With({
    action_name: null,
    ma_id: '8C1gOQ9CPOiQfzft',
    ma_ti: 'Intro',
    ma_re: 'https://www.example.com/intro.webm',
    ma_mt: 'video',
    ma_pn: 'html5',
    ma_st: '12',
    ma_le: '30',
    ma_ps: '14',
    ma_ttp: '2',
    ma_w: '640',
    ma_h: '360',
    ma_fs: '0',
    ma_se: '5,10,15',
    ca: '1',
    ...mods,
  });
