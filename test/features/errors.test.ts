import { afterEach, describe, expect, it } from 'vitest';
import { enableJSErrorTracking, trackPageView } from '../../src/index';
import { actionPart, setup, teardown, tracker } from './support';

afterEach(teardown);

const fail = (message: string, lineno = 12, colno = 5) =>
  window.dispatchEvent(new ErrorEvent('error', { message, filename: 'https://www.example.com/app.js', lineno, colno }));

describe('enableJSErrorTracking (§6.2)', () => {
  it('sends each distinct error once per page view as an event, until stop()', async () => {
    const { hits } = setup();
    const t = tracker();
    const before = window.onerror;
    const stop = enableJSErrorTracking(t);
    expect(window.onerror).toBe(before);
    trackPageView(t);
    fail('x is not defined');
    fail('x is not defined');
    fail('x is not defined', 40, 0);
    trackPageView(t);
    fail('x is not defined');
    stop();
    fail('after stop');
    const events = (await hits()).filter((hit) => hit.get('e_c'));
    expect(events.map(actionPart)).toEqual([
      'e_c=JavaScript%20Errors&e_a=https%3A%2F%2Fwww.example.com%2Fapp.js%3A12%3A5&e_n=x%20is%20not%20defined&ca=1',
      'e_c=JavaScript%20Errors&e_a=https%3A%2F%2Fwww.example.com%2Fapp.js%3A40&e_n=x%20is%20not%20defined&ca=1',
      'e_c=JavaScript%20Errors&e_a=https%3A%2F%2Fwww.example.com%2Fapp.js%3A12%3A5&e_n=x%20is%20not%20defined&ca=1',
    ]);
    expect(events[1].get('pv_id')).toBe(events[0].get('pv_id'));
    expect(events[2].get('pv_id')).not.toBe(events[0].get('pv_id'));
  });

  it('replaces an earlier listener instead of doubling the hits', async () => {
    const { hits } = setup();
    const t = tracker();
    enableJSErrorTracking(t);
    const stop = enableJSErrorTracking(t);
    fail('boom');
    stop();
    expect((await hits()).filter((hit) => hit.get('e_c'))).toHaveLength(1);
  });
});
