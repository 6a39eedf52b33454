// A popup opened for a right-click report: the page as it was at the click, nothing captured again.
import { pageKey } from '@/lib/requests/draft';
import type { ReportSlice, Slice } from './types';

export const reportSlice: Slice<ReportSlice> = (set, get, deps, steps) => {
  steps.openReport = (report, base) => {
    const page = pageKey(report.context.url);
    set({ ...base, view: 'form', report: true, page, pageContext: report.context });
    set({ context: report.context });
    steps.show({ ...report.draft, page }, { persist: true });
    // The page of the click fills the desk's fields that ask for it, marked, once they are known.
    steps.proposeFor({ ...report.draft, page });
    void steps.loadFields(report.draft, {});
  };
  steps.reportSent = () => {
    if (get().report) void deps.clearReport?.();
  };
  return { report: false };
};
