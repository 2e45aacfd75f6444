import { commitmentTextHash } from '../applications/commitment';
import { toShanghaiDate } from '../calendar/working-days';
import { ValidationError } from '../errors';
import { bundleTemplate } from '../applications/template';
import { compileForm } from './form-compile';
import type { FormValidator } from './form-errors';
import type { CatalogueStore } from './ports';
import { bundleOrder } from './bundle-order';
import type { BundleContent, EntryKind, MatterContent } from './model';
import { type CatalogueReference, catalogueReference } from './reference';
import { type CatalogueQuery, type EntrySummary, searchCatalogue, summarise } from './search';

/**
 * The public side of the catalogue, as applicants and the functions that check their forms read it: the reference
 * reader (reference.ts: departments, licence types, calendars, published and pinned versions, kept per revision)
 * with each version's compiled form, the search, and the guides. A function that needs none of these builds on
 * catalogueReference alone and carries neither the form compiler nor the search.
 */
export function catalogueReader(
  store: CatalogueStore,
  now: () => Date = () => new Date(),
  // The reference reader a function already holds (its main table's): one cache, one revision read, for both.
  base: CatalogueReference = catalogueReference(store),
) {
  const { keptPerRevision, reference, published, publicVersion } = base.parts;
  // A version's form never changes once published, so its compiled validator is kept for the container's life.
  const validators = new Map<string, FormValidator>();

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

  /** The search summaries of the published entries, with their departments' names. */
  const summaries = keptPerRevision<Record<EntryKind, EntrySummary[]>>(async (revision) => {
    const [entries, ref] = await Promise.all([published.at(revision), reference.at(revision)]);
    const names = new Map([...ref.departments.values()].map((d) => [d.code, d.name]));
    return {
      matter: [...entries.matter.values()].map((m) => summarise(m, names)),
      bundle: [...entries.bundle.values()].map((b) => summarise(b, names)),
    };
  });

  const { parts: _parts, ...referenceMethods } = base;
  const reader = {
    ...referenceMethods,

    /** The matter a case pins: its published version, or the given (published or retired) one. */
    async matter(
      code: string,
      version?: number,
    ): Promise<{ version: number; content: MatterContent; validate: FormValidator }> {
      const v = await base.matter(code, version);
      return { ...v, validate: validatorFor(code, v.version, v.content) };
    },

    /** The bundle a bundle case pins, with its merged form compiled (一表申请) and its member waves. */
    async bundle(
      code: string,
      version?: number,
    ): Promise<{ version: number; content: BundleContent; validate: FormValidator; waves: string[][] }> {
      const v = await base.bundle(code, version);
      return { ...v, validate: validatorFor(code, v.version, v.content, 'bundle') };
    },

    async search(kind: EntryKind, query: CatalogueQuery) {
      return searchCatalogue((await summaries())[kind], query);
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
      const [entries, v] = await Promise.all([published(), publicVersion('bundle', code, version)]);
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
          const matter = entries.matter.get(member.matterCode);
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
  };
  return reader;
}
export type CatalogueReader = ReturnType<typeof catalogueReader>;
