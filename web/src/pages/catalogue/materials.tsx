import { defineMessages, useLang, useT } from '../../i18n/i18n';
import { useCatalogueLabels, useContentLang } from './labels';
import type { LicenceType } from './lookups';

/** A material as the guides list it (the catalogue's material schema, as the API sends it). */
export interface GuideMaterial {
  readonly code: string;
  readonly name: string;
  readonly required: boolean;
  readonly tolerable?: boolean;
  readonly replaceableBy?: string;
  readonly fileTypes: readonly string[];
  readonly maxSizeMb: number;
  readonly maxCount: number;
  readonly form?: string;
  readonly description?: string;
}

const messages = defineMessages(
  {
    summary:
      '共 {all} 项材料：{required} 项必须提交，{replaceable} 项可用电子证照免交（免证），{tolerable} 项受理时可暂缺（容缺）。',
    required: '必须提交',
    optional: '按需提交',
    replaceable: '免证',
    replaceableText: '已有「{licence}」电子证照的，免于提交此材料，申请时选用证照即可。',
    tolerable: '容缺',
    tolerableText: '容缺受理：受理时可暂缺，在审批决定前补交。',
    form: '材料形式',
    fileTypes: '文件格式',
    size: '文件大小',
    sizeText: '每个文件不超过 {mb} MB，最多 {count} 个',
    sharedFor: '共用材料：只需提交一次，同时用于：{list}',
  },
  {
    summary:
      '{all} documents: {required} required, {replaceable} can be replaced by an e-licence you hold, {tolerable} may follow after acceptance.',
    required: 'Required',
    optional: 'If it applies',
    replaceable: 'E-licence accepted',
    replaceableText:
      'If you hold the e-licence “{licence}”, you need not upload this: choose the licence when you apply.',
    tolerable: 'May follow later',
    tolerableText: 'May be missing when the application is accepted (容缺); hand it in before the decision.',
    form: 'Form',
    fileTypes: 'File types',
    size: 'File size',
    sizeText: 'Up to {mb} MB per file, at most {count} files',
    sharedFor: 'Shared: hand it in once, it serves {list}',
  },
);

/**
 * The materials of a guide: which are required or optional, which an e-licence replaces (免证, naming the licence)
 * and which may be missing at acceptance (容缺), with file types, size and the paper form asked for.
 */
export function MaterialsList({
  materials,
  licenceTypes,
  sharedWith,
}: {
  materials: readonly GuideMaterial[];
  licenceTypes?: readonly LicenceType[];
  sharedWith?: (code: string) => string[] | undefined;
}) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const contentLang = useContentLang();
  const { lang } = useLang();
  const licenceName = (code: string) => {
    const type = licenceTypes?.find((l) => l.code === code);
    return lang === 'en' ? (type?.nameEn ?? type?.name ?? code) : (type?.name ?? code);
  };
  return (
    <>
      <p>
        {t('summary', {
          all: materials.length,
          required: materials.filter((m) => m.required).length,
          replaceable: materials.filter((m) => m.replaceableBy).length,
          tolerable: materials.filter((m) => m.tolerable).length,
        })}
      </p>
      <ol className="cat-materials">
        {materials.map((m) => {
          const shared = sharedWith?.(m.code);
          return (
            <li key={m.code} className="cat-material">
              <h3 className="cat-material__name" lang={contentLang}>
                {m.name}
              </h3>
              <p className="cat-tags">
                <span className={m.required ? 'tag' : 'tag tag--grey'}>
                  {m.required ? t('required') : t('optional')}
                </span>
                {m.replaceableBy && <span className="tag tag--green">{t('replaceable')}</span>}
                {m.tolerable && <span className="tag tag--yellow">{t('tolerable')}</span>}
              </p>
              {m.replaceableBy && <p>{t('replaceableText', { licence: licenceName(m.replaceableBy) })}</p>}
              {m.tolerable && <p>{t('tolerableText')}</p>}
              {shared && shared.length > 0 && (
                <p>{t('sharedFor', { list: shared.join(lang === 'en' ? ', ' : '、') })}</p>
              )}
              <dl className="cat-facts">
                <div>
                  <dt>{t('form')}</dt>
                  <dd>{labels.materialForm(m.form ?? 'electronic')}</dd>
                </div>
                <div>
                  <dt>{t('fileTypes')}</dt>
                  <dd>{m.fileTypes.map((f) => f.toUpperCase()).join(lang === 'en' ? ', ' : '、')}</dd>
                </div>
                <div>
                  <dt>{t('size')}</dt>
                  <dd>{t('sizeText', { mb: m.maxSizeMb, count: m.maxCount })}</dd>
                </div>
              </dl>
              {m.description && (
                <p className="muted" lang={contentLang}>
                  {m.description}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
