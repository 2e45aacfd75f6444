import type { ProvisionalIndex } from '../../../shared/domain/calendar/ports';
import type { LicenceRecord, LicenceStore } from '../../../shared/domain/licences/ports';
import type { PostCheck, PostCheckStore } from '../../../shared/domain/workflow/ports';
import { pageOf } from './page';
import { inMemoryWrite, stored } from './writes';

/**
 * The smaller ports a case's use cases touch, in memory. Their writes that belong to a case's transaction are
 * InMemoryWrites: they land only when the case store commits them.
 */

/** 告知承诺制 post-checks: `put` is conditional on the check being new, or still open. */
export class InMemoryPostCheckStore implements PostCheckStore {
  readonly #checks = new Map<string, PostCheck>();

  put(check: PostCheck, expect: 'new' | 'open') {
    const holds = () =>
      expect === 'new' ? !this.#checks.has(check.id) : this.#checks.get(check.id)?.status === 'open';
    return inMemoryWrite(`post-check ${check.id}`, holds, () => this.#checks.set(check.id, stored(check)));
  }

  async get(id: string): Promise<PostCheck | undefined> {
    const found = this.#checks.get(id);
    return found && stored(found);
  }

  async list(query: { status: PostCheck['status']; department?: string; limit: number; cursor?: string }) {
    const checks = [...this.#checks.values()].filter(
      (c) => c.status === query.status && (query.department === undefined || c.department === query.department),
    );
    checks.sort((a, b) => `${a.dueDate}#${a.id}`.localeCompare(`${b.dueDate}#${b.id}`));
    return pageOf(stored(checks), `post-checks:${query.department ?? ''}#${query.status}`, query.limit, query.cursor);
  }
}

/** Cases and complaints listed under the years whose holiday notice is not loaded yet. */
export class InMemoryProvisionalIndex implements ProvisionalIndex {
  readonly #cases = new Map<number, Set<string>>();
  readonly #complaints = new Map<number, Set<string>>();

  mark(caseId: string, years: readonly number[]) {
    return years.map((year) =>
      inMemoryWrite(
        `provisional ${year} ${caseId}`,
        () => true,
        () => setOf(this.#cases, year).add(caseId),
      ),
    );
  }

  unmark(caseId: string, year: number) {
    return inMemoryWrite(
      `unmark ${year} ${caseId}`,
      () => true,
      () => setOf(this.#cases, year).delete(caseId),
    );
  }

  async remove(caseId: string, year: number): Promise<void> {
    setOf(this.#cases, year).delete(caseId);
  }

  async casesOf(year: number): Promise<string[]> {
    return [...setOf(this.#cases, year)].sort();
  }

  async markComplaint(complaintId: string, years: readonly number[]): Promise<void> {
    for (const year of years) setOf(this.#complaints, year).add(complaintId);
  }

  async removeComplaint(complaintId: string, year: number): Promise<void> {
    setOf(this.#complaints, year).delete(complaintId);
  }

  async complaintsOf(year: number): Promise<string[]> {
    return [...setOf(this.#complaints, year)].sort();
  }
}

function setOf(map: Map<number, Set<string>>, year: number): Set<string> {
  const found = map.get(year) ?? new Set<string>();
  map.set(year, found);
  return found;
}

/** The licence register as the applications context reads it (免证 references): a lookup by number. */
export class InMemoryLicenceRegister implements Pick<LicenceStore, 'get'> {
  readonly #licences = new Map<string, LicenceRecord>();

  add(licence: LicenceRecord): void {
    this.#licences.set(licence.licenceNo, stored(licence));
  }

  async get(licenceNo: string): Promise<LicenceRecord | undefined> {
    const found = this.#licences.get(licenceNo);
    return found && stored(found);
  }
}
