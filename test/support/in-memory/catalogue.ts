import { DEMO_CATALOGUE } from '../../../infra/seed/demo-catalogue';
import type { TemplateReader } from '../../../shared/domain/applications/template';
import { compileForm } from '../../../shared/domain/catalogue/form-compile';
import type { FormValidator } from '../../../shared/domain/catalogue/form-errors';
import {
  type BundleContent,
  bundleContentSchema,
  bundleOrder,
  type MatterContent,
  matterContentSchema,
} from '../../../shared/domain/catalogue/model';
import { NotFoundError } from '../../../shared/domain/errors';

const MATTERS = new Map(DEMO_CATALOGUE.matters.map((m) => [m.code, matterContentSchema.parse(m.content)]));
const BUNDLES = new Map<string, BundleContent>(
  DEMO_CATALOGUE.bundles.map((b) => [b.code, bundleContentSchema.parse(b.content)]),
);

/**
 * The catalogue's read port (TemplateReader) over the demo catalogue, every entry published as version 1, as the
 * catalogue reader answers it (shared/domain/catalogue/queries.ts): a missing entry or version is a NotFoundError, and
 * a form is compiled once, with 'today' read from the given clock.
 */
export function demoTemplateReader(today: () => string): TemplateReader {
  const validators = new Map<string, FormValidator>();
  const validatorFor = (key: string, form: MatterContent['form']) => {
    let validate = validators.get(key);
    if (!validate) {
      validate = compileForm(form, { today });
      validators.set(key, validate);
    }
    return validate;
  };
  const published = <T>(entries: ReadonlyMap<string, T>, kind: string, code: string, version?: number): T => {
    const content = entries.get(code);
    if (!content || (version !== undefined && version !== 1))
      throw new NotFoundError(
        version === undefined ? `No published ${kind} ${code}` : `No published version ${version} of ${kind} ${code}`,
      );
    return content;
  };
  return {
    async matter(code, version) {
      const content = published(MATTERS, 'matter', code, version);
      return { version: 1, content, validate: validatorFor(`matter:${code}`, content.form) };
    },
    async bundle(code, version) {
      const content = published(BUNDLES, 'bundle', code, version);
      return {
        version: 1,
        content,
        validate: validatorFor(`bundle:${code}`, content.form),
        waves: bundleOrder(content.members) ?? [],
      };
    },
  };
}
