// The public functions the hit tests use, plus a stand-in for setUserId until
// the actions feature provides it.
import type { Tracker } from '../../src/index';
export {
  createTracker,
  getPageViewId,
  getVisitorId,
  setCustomUrl,
  setDocumentTitle,
  setReferrerUrl,
  setPagePerformanceTiming,
  disableCookies,
  setCustomData,
  setExcludedQueryParams,
} from '../../src/index';

export function setUserIdForTest(tracker: Tracker, id: string): void {
  tracker._userId = id;
}
