/** The one door to Office.js: everything else takes a RunExcel (Excel.run in Excel, a fake in tests). */

export type RunExcel = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Whether the host supports a requirement set, e.g. ("ExcelApi", "1.8"). Injected so tests can say no. */
export type Capability = (set: string, version: string) => boolean;

/** True inside Excel (desktop, web or Mac), after Office.onReady. */
export function isInExcel(): boolean {
  return typeof Office !== 'undefined' && Office.context?.host === Office.HostType.Excel;
}

/** Excel.run when the pane runs inside Excel; null in a plain browser. */
export function officeRunExcel(): RunExcel | null {
  if (!isInExcel() || typeof Excel === 'undefined') return null;
  return (batch) => Excel.run((context) => batch(context));
}

/** Office's own requirement-set check; says no outside Excel. */
export const officeCapability: Capability = (set, version) => isInExcel() && Office.context.requirements.isSetSupported(set, version);
