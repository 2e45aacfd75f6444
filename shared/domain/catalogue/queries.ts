import { commitmentTextHash } from '../applications/commitment';
import { SHIPPED_CALENDARS } from '../calendar/holidays';
import { toShanghaiDate, WorkingDayCalendar, type YearCalendar } from '../calendar/working-days';
import { NotFoundError, ValidationError } from '../errors';
import { bundleTemplate } from '../applications/template';
import { compileForm } from './form-compile';
import type { FormValidator } from './form-errors';
import type { CatalogueStore } from './ports';
import {
  type BundleContent,
  bundleOrder,
  type CatalogueVersion,
  type Department,
  type EntryKind,
  type LicenceType,
  type MatterContent,
} from './model';
import { type CatalogueQuery, type EntrySummary, searchCatalogue, summarise } from './search';

/** What every reader needs, small: departments, licence types and the working-day calendars. */
interface Reference {
  readonly departments: Map<string, Department>;
  readonly licenceTypes: Map<string, LicenceType>;
  readonly calendars: YearCalendar[];
  /** Built once per revision: the shipped years and those administrators loaded. */
  readonly workingDays: WorkingDayCalendar;
}

/** The published matters and bundles, with their search summaries: what the catalogue and applications read. */
interface Entries {
  readonly published: Record<EntryKind, Map<string, CatalogueVersion>>;
  readonly summaries: Record<EntryKind, EntrySummary[]>;
}

/**
 * The public side of the catalogue. What is read is kept while the catalogue's revision stays the same, so a search
 * costs one GetItem, and a publication is visible on the next request. The reference data and the published entries
 * are kept apart: a function that needs the calendar or a department's name (supervision, messaging, licences) never
 * reads the published matters, which for a province's catalogue are thousands of items and megabytes.
 */
export function catalogueReader(store: CatalogueStore, now: () => Date = () => new Date()) {
  // A version's form never changes once published, so its compiled validator is kept for the container's life.
  const validators = new Map<string, FormValidator>();
  // So is a pinned version read alone (a case's own): kept for the container's life too.
  const pinnedVersions = new Map<string, Promise<CatalogueVersion | undefined>>();

  /** The compiled form of a matter version; 'today' (date bounds, birth dates) follows the platform clock. */
  function validatorFor(
    code: string,
    version: number,
    content: { form: MatterContent['form'] },
    kind: EntryKind = 'matter',
  ): FormValidator {
    const key = `${kind}:${code}@${version}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = compileForm(content.form, { today: () => toShanghaiDate(now()) });
      validators.set(key, validate);
    }
    return validate;
  }

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
  function keptPerRevision<T>(read: (revision: number) => Promise<T>) {
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

  const entries = keptPerRevision<Entries>(async (revision) => {
    const [matters, bundles, ref] = await Promise.all([
      store.listPublished('matter'),
      store.listPublished('bundle'),
      reference.at(revision),
    ]);
    const names = new Map([...ref.departments.values()].map((d) => [d.code, d.name]));
    return {
      published: { matter: new Map(matters.map((m) => [m.code, m])), bundle: new Map(bundles.map((b) => [b.code, b])) },
      summaries: { matter: matters.map((m) => summarise(m, names)), bundle: bundles.map((b) => summarise(b, names)) },
    };
  });

  /**
   * The published version, or a pinned one that was published (cases keep theirs); drafts are not public. A pinned
   * version is read alone, not with the whole published catalogue (a command on an existing case needs its own), and
   * kept.
   */
  async function publicVersion(kind: EntryKind, code: string, version?: number): Promise<CatalogueVersion> {
    if (version === undefined) {
      const current = (await entries()).published[kind].get(code);
      if (current) return current;
    } else {
      // A version's content never changes, and published or retired it stays public: one read a container.
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

  const reader = {
    /** The matter a case pins: its published version, or the given (published or retired) one. */
    async matter(
      code: string,
      version?: number,
    ): Promise<{ version: number; content: MatterContent; validate: FormValidator }> {
      const v = await publicVersion('matter', code, version);
      const content = v.content as MatterContent;
      return { version: v.version, content, validate: validatorFor(code, v.version, content) };
    },

    /** The bundle a bundle case pins, with its merged form compiled (一表申请) and its member waves. */
    async bundle(
      code: string,
      version?: number,
    ): Promise<{ version: number; content: BundleContent; validate: FormValidator; waves: string[][] }> {
      const v = await publicVersion('bundle', code, version);
      const content = v.content as BundleContent;
      return {
        version: v.version,
        content,
        validate: validatorFor(code, v.version, content, 'bundle'),
        waves: bundleOrder(content.members) ?? [],
      };
    },

    async search(kind: EntryKind, query: CatalogueQuery) {
      return searchCatalogue((await entries()).summaries[kind], query);
    },

    async matterGuide(code: string, version?: number) {
      const [snap, v] = await Promise.all([reference(), publicVersion('matter', code, version)]);
      const m = v.content as MatterContent;
      return {
        ...m,
        code: v.code,
        version: v.version,
        publishedAt: v.publishedAt!,
        form: m.form as unknown as Record<string, unknown>,
        departmentInfo: snap.departments.get(m.department),
        licenceTypeInfo: m.yieldsLicenceType ? snap.licenceTypes.get(m.yieldsLicenceType) : undefined,
        procedureSummary: m.procedure.stages.map((stage) => ({
          stage: stage.name,
          parallel: stage.tasks.length > 1,
          tasks: stage.tasks.map((t) => ({ ...t, departmentName: snap.departments.get(t.department)?.name })),
        })),
        // 告知承诺: offered only with the flag; the text's hash is what an applicant confirms they read.
        commitment:
          m.flags.commitmentAllowed && m.commitment
            ? { ...m.commitment, textHash: commitmentTextHash(m.commitment.text) }
            : undefined,
      };
    },

    /** Validates a filled-in form against the matter's (pinned or current) version; every problem named at once. */
    async checkForm(code: string, form: unknown, version?: number): Promise<Record<string, unknown>> {
      const v = await publicVersion('matter', code, version);
      const result = validatorFor(code, v.version, v.content as MatterContent)(form);
      if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
      return result.value;
    },

    async bundleGuide(code: string, version?: number) {
      const [snap, v] = await Promise.all([entries(), publicVersion('bundle', code, version)]);
      const b = v.content as BundleContent;
      return {
        ...b,
        code: v.code,
        version: v.version,
        publishedAt: v.publishedAt!,
        form: b.form as unknown as Record<string, unknown>,
        waves: bundleOrder(b.members) ?? [],
        /** What to upload: the shared materials once, and each member's other materials as <matterCode>.<material>. */
        materials: (await bundleTemplate(reader, code, v.version)).materials,
        memberInfo: b.members.map((member) => {
          const matter = snap.published.matter.get(member.matterCode);
          const content = matter?.content as MatterContent | undefined;
          return {
            code: member.matterCode,
            name: content?.name,
            version: matter?.version,
            department: content?.department,
          };
        }),
      };
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
  return reader;
}
export type CatalogueReader = ReturnType<typeof catalogueReader>;
