import type { Material } from '@shared/domain/catalogue/model';
import { type FormEvent, useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { fieldId } from '../../components/common';
import { defineMessages, useLang, useT } from '../../i18n/i18n';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    title: '免证办：以电子证照代替材料',
    intro: '申请人持有电子证照的，输入证照编号即可代替上传复印件；平台核验证照属于该申请人。',
    label: '{material}：电子证照编号',
    hint: '可用证照类型：{type}',
    inUse: '已使用：{no}',
    use: '使用此证照',
    using: '正在核验…',
    done: '{material}已使用电子证照 {no}。',
    required: '请输入证照编号。',
    notTheirs: '没有找到属于该申请人的此类有效证照，请核对编号，或上传材料。',
    failed: '未能使用此证照：{reason}',
    network: '网络连接失败，请重试。',
  },
  {
    title: 'E-licences instead of copies (免证)',
    intro:
      'Where the applicant holds an e-licence, its number replaces the copy; the platform checks it is the applicant’s.',
    label: '{material}: e-licence number',
    hint: 'Licence type accepted: {type}',
    inUse: 'In use: {no}',
    use: 'Use this licence',
    using: 'Checking…',
    done: '{material}: e-licence {no} in use.',
    required: 'Enter the licence number.',
    notTheirs:
      'No valid licence of this type with this number belongs to the applicant: check the number, or upload the material.',
    failed: 'This licence could not be used: {reason}',
    network: 'No connection. Please try again.',
  },
);

/**
 * 免证 at the counter: the officer cannot open the applicant's wallet, so the applicant shows their e-licence and the
 * officer types its number (POST …/licence-references, which checks it belongs to the identified applicant).
 */
export function LicenceNumbers({
  caseView,
  materials,
  typeNames,
  onCase,
}: {
  caseView: CaseView;
  materials: readonly Material[];
  typeNames: ReadonlyMap<string, { name: string; nameEn?: string }>;
  onCase: (updated: CaseView) => void;
}) {
  const t = useT(messages);
  const replaceable = materials.filter((m) => m.replaceableBy);
  if (replaceable.length === 0) return null;
  return (
    <section aria-labelledby="licence-numbers-title" className="licence-numbers">
      <h3 id="licence-numbers-title">{t('title')}</h3>
      <p className="hint">{t('intro')}</p>
      {replaceable.map((m) => (
        <LicenceNumber
          key={m.code}
          caseView={caseView}
          material={m}
          typeName={typeNames.get(m.replaceableBy!)}
          onCase={onCase}
        />
      ))}
    </section>
  );
}

function LicenceNumber({
  caseView,
  material,
  typeName,
  onCase,
}: {
  caseView: CaseView;
  material: Material;
  typeName?: { name: string; nameEn?: string };
  onCase: (updated: CaseView) => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const current = caseView.materials[material.code]?.licenceNo;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = fieldId(`licences.${material.code}`);

  const use = async (event: FormEvent) => {
    event.preventDefault();
    const licenceNo = value.trim();
    setDone(undefined);
    if (!licenceNo) return setError(t('required'));
    setBusy(true);
    setError(undefined);
    try {
      const updated = await unwrap(
        api().POST('/applications/{id}/licence-references', {
          params: { path: { id: caseView.id } },
          body: { material: material.code, licenceNo },
        }),
      );
      onCase(updated);
      setValue('');
      setDone(t('done', { material: material.name, no: licenceNo }));
    } catch (e) {
      const failure = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      const detail = failure.details[0];
      setError(
        failure.network
          ? t('network')
          : failure.status === 422 || detail?.path.endsWith('licenceNo')
            ? t('notTheirs')
            : t('failed', { reason: (lang === 'zh' && detail?.messageZh) || detail?.message || failure.message }),
      );
    } finally {
      setBusy(false);
    }
  };

  const type = typeName
    ? lang === 'en' && typeName.nameEn
      ? typeName.nameEn
      : typeName.name
    : material.replaceableBy!;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form
      noValidate
      onSubmit={(e) => void use(e)}
      className={error ? 'field field--error licence-number' : 'field licence-number'}
    >
      <label htmlFor={id}>{t('label', { material: material.name })}</label>
      <span className="hint" id={`${id}-hint`}>
        {t('hint', { type })}
        {current && (
          <>
            {' · '}
            <strong>{t('inUse', { no: current })}</strong>
          </>
        )}
      </span>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      <div className="licence-number__row">
        <input
          id={id}
          type="text"
          value={value}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={error ? 'input--error' : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button button--secondary" disabled={busy}>
          {busy ? t('using') : t('use')}
        </button>
      </div>
      <p role="status" aria-live="polite" className="material__done">
        {done ?? ''}
      </p>
    </form>
  );
}
