import type { StoreWrite } from '../store-write';

/**
 * Provisional deadlines: a deadline that reaches a year whose State Council holiday notice is not loaded yet is
 * counted Monday to Friday there and flagged `provisional`, and its case is listed under that year so that loading
 * the notice re-dates it (redate.ts). This is the listing.
 *
 * (RedateDeps stays in redate.ts: it is built from the applications' and engagement's ports, which name this one, so
 * here it would close an import cycle.)
 */
export interface ProvisionalIndex {
  /** Items to write with the change that set a provisional deadline: the case listed under each year not loaded. */
  mark(caseId: string, years: readonly number[]): StoreWrite[];
  /** The listing's removal, in the transaction that re-dates the case. */
  unmark(caseId: string, year: number): StoreWrite;
  /** The listing's removal when nothing of the case is left to re-date. */
  remove(caseId: string, year: number): Promise<void>;
  casesOf(year: number): Promise<string[]>;
  /**
   * A complaint (which need not have a case) listed under each year not loaded. Written just before the complaint:
   * a listing whose complaint never got written is dropped when its year is loaded.
   */
  markComplaint(complaintId: string, years: readonly number[]): Promise<void>;
  removeComplaint(complaintId: string, year: number): Promise<void>;
  complaintsOf(year: number): Promise<string[]>;
}
