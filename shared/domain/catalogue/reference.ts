import { SHIPPED_CALENDARS } from '../calendar/holidays';
import { WorkingDayCalendar, type YearCalendar } from '../calendar/working-days';
import { NotFoundError } from '../errors';
import { bundleOrder } from './bundle-order';
import type { CatalogueStore } from './ports';
import type { BundleContent, CatalogueVersion, Department, EntryKind, LicenceType, MatterContent } from './model';

/** What every reader needs, small: departments, licence types and the working-day calendars. */
export interface Reference {
  readonly departments: Map<string, Department>;
  readonly licenceTypes: Map<string, LicenceType>;
  readonly calendars: YearCalendar[];
  /** Built once per revision: the shipped years and those administrators loaded. */
  readonly workingDays: WorkingDayCalendar;
}

/** A part of the catalogue kept per revision: called, it reads again only when the revision has moved. */
export type KeptPerRevision<T> = (() => Promise<T>) & { at(revision: number): Promise<T> };

/**
 * The catalogue as the platform's functions read it, without the forms' validators and the search: departments,
 * licence types, calendars, and the published (or a case's pinned) versions. What is read is kept while the
 * catalogue's revision stays the same, so a call costs one GetItem and a publication is seen on the next call.
 * Kept apart from queries.ts (the applicants' reader, with validators and search) so that a function reading only
 * this does not carry the form compiler and the search in its bundle.
 */
export function catalogueReference(store: CatalogueStore) {
  // A version's content never changes once published or retired: a pinned version is read alone, once a container.
  const pinnedVersions = new Map<string, Promise<CatalogueVersion | undefined>>();

  // Calls that overlap share one revision read (a command asks for a matter and the calendar at once).
  let revisionRead: Promise<number> | undefined;
  const currentRevision = () => {
    revisionRead ??= store.revision().finally(() => {
      revisionRead = undefined;
    });
    return revisionRead;
  };

  /**
   * A part of the catalogue, read again only when the revision has moved; overlapping reads of it share one. `at`
   * answers for a revision already read (a part built on another asks for the same revision, not a second read).
   */
  function keptPerRevision<T>(read: (revision: number) => Promise<T>): KeptPerRevision<T> {
    let kept: { revision: number; value: Promise<T> } | undefined;
    const at = (revision: number): Promise<T> => {
      if (kept?.revision !== revision) {
        const value = read(revision);
        kept = { revision, value };
        // A failed read is not kept: the next call reads again.
        value.catch(() => {
          if (kept?.value === value) kept = undefined;
        });
        return value;
      }
      return kept.value;
    };
    return Object.assign(async () => at(await currentRevision()), { at });
  }

  const reference = keptPerRevision<Reference>(async () => {
    const [departments, licenceTypes, calendars] = await Promise.all([
      store.listDepartments(),
      store.listLicenceTypes(),
      store.listCalendars(),
    ]);
    return {
      departments: new Map(departments.map((d) => [d.code, d])),
      licenceTypes: new Map(licenceTypes.map((l) => [l.code, l])),
      calendars,
      workingDays: new WorkingDayCalendar([...SHIPPED_CALENDARS, ...calendars]),
    };
  });

  /** The published matters and bundles, by code. */
  const published = keptPerRevision<Record<EntryKind, Map<string, CatalogueVersion>>>(async () => {
    const [matters, bundles] = await Promise.all([store.listPublished('matter'), store.listPublished('bundle')]);
    return { matter: new Map(matters.map((m) => [m.code, m])), bundle: new Map(bundles.map((b) => [b.code, b])) };
  });

  /**
   * The published version, or a pinned one that was published (cases keep theirs); drafts are not public. A pinned
   * version is read alone, not with the whole published catalogue (a command on an existing case needs its own), and
   * kept.
   */
  async function publicVersion(kind: EntryKind, code: string, version?: number): Promise<CatalogueVersion> {
    if (version === undefined) {
      const current = (await published())[kind].get(code);
      if (current) return current;
    } else {
      const key = `${kind}:${code}@${version}`;
      let pinned = pinnedVersions.get(key);
      if (!pinned) {
        pinned = store.getVersion(kind, code, version).then((v) => {
          const isPublic = v?.status === 'published' || v?.status === 'retired';
          // A version not (yet) public is asked again next time.
          if (!isPublic) pinnedVersions.delete(key);
          return isPublic ? v : undefined;
        });
        // A failed read is not kept either.
        pinned.catch(() => pinnedVersions.delete(key));
        pinnedVersions.set(key, pinned);
      }
      const found = await pinned;
      if (found) return found;
    }
    throw new NotFoundError(
      version === undefined ? `No published ${kind} ${code}` : `No published version ${version} of ${kind} ${code}`,
    );
  }

  return {
    /** The parts the applicants' reader (queries.ts) builds on; not for the functions themselves. */
    parts: { keptPerRevision, reference, published, publicVersion },

    /** The matter a case pins: its published version, or the given (published or retired) one. */
    async matter(code: string, version?: number): Promise<{ version: number; content: MatterContent }> {
      const v = await publicVersion('matter', code, version);
      return { version: v.version, content: v.content as MatterContent };
    },

    /** The bundle a bundle case pins, with its member waves. */
    async bundle(
      code: string,
      version?: number,
    ): Promise<{ version: number; content: BundleContent; waves: string[][] }> {
      const v = await publicVersion('bundle', code, version);
      const content = v.content as BundleContent;
      return { version: v.version, content, waves: bundleOrder(content.members) ?? [] };
    },

    async departments() {
      return [...(await reference()).departments.values()];
    },

    async licenceTypes() {
      return [...(await reference()).licenceTypes.values()];
    },

    /** A year's calendar: the one administrators loaded, else the one shipped with the platform. */
    async calendar(year: number): Promise<YearCalendar> {
      const found =
        (await reference()).calendars.find((c) => c.year === year) ?? SHIPPED_CALENDARS.find((c) => c.year === year);
      if (!found)
        throw new NotFoundError(`No calendar for ${year}; an administrator loads it with PUT /admin/calendars/${year}`);
      return found;
    },

    async workingDays(): Promise<WorkingDayCalendar> {
      return (await reference()).workingDays;
    },

    /** n working days after `from`; in a year without a calendar, Monday to Friday, and the answer says so. */
    async addWorkingDays(from: string, days: number): Promise<{ due: string; provisional: boolean }> {
      const { date, provisional } = (await reference()).workingDays.addWorkingDaysProvisionally(from, days);
      return { due: date, provisional };
    },
  };
}
export type CatalogueReference = ReturnType<typeof catalogueReference>;
