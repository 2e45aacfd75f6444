import { useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { fieldId } from '../../components/common';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import type { CaseView, Licence } from './template';

const messages = defineMessages(
  {
    legend: '使用我的电子证照（免证办）',
    hint: '从您的证照夹中选择一份有效的{type}，无需上传复印件。',
    validUntil: '有效期至 {date}',
    indefinite: '长期有效',
    use: '使用所选证照',
    change: '改用所选证照',
    using: '正在提交…',
    inUse: '正在使用',
    failed: '未能使用此证照：{reason}',
    network: '网络连接失败，请重试。',
  },
  {
    legend: 'Use my e-licence (no copy needed)',
    hint: 'Choose a valid {type} from your licences; no copy needs uploading.',
    validUntil: 'valid until {date}',
    indefinite: 'no expiry',
    use: 'Use the chosen licence',
    change: 'Use the chosen licence instead',
    using: 'Submitting…',
    inUse: 'in use',
    failed: 'This licence could not be used: {reason}',
    network: 'No connection. Please try again.',
  },
);

/**
 * 免证: the applicant picks one of their OWN valid licences of the type the material accepts (from the wallet; nobody
 * types a number), and the case references it instead of an uploaded copy.
 */
export function LicencePicker({
  caseId,
  material,
  typeName,
  licences,
  current,
  onCase,
}: {
  caseId: string;
  material: string;
  typeName: string;
  licences: readonly Licence[];
  current: string | undefined;
  onCase: (updated: CaseView) => void;
}) {
  const t = useT(messages);
  const format = useFormat();
  const [chosen, setChosen] = useState<string | undefined>(
    current ?? (licences.length === 1 ? licences[0]!.licenceNo : undefined),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const name = fieldId(`materials.${material}.licence`);

  const use = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(undefined);
    try {
      onCase(
        (await unwrap(
          api().POST('/applications/{id}/licence-references', {
            params: { path: { id: caseId } },
            body: { material, licenceNo: chosen },
          }),
        )) as CaseView,
      );
    } catch (e) {
      const failure = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      setError(failure.network ? t('network') : t('failed', { reason: failure.message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="licence-picker" aria-describedby={`${name}-hint`}>
      <legend>{t('legend')}</legend>
      <span id={`${name}-hint`} className="hint">
        {t('hint', { type: typeName })}
      </span>
      {licences.map((l, i) => {
        const id = `${name}-${i}`;
        return (
          <div className="choice form-choice" key={l.licenceNo}>
            <input
              type="radio"
              id={id}
              name={name}
              value={l.licenceNo}
              checked={chosen === l.licenceNo}
              onChange={() => setChosen(l.licenceNo)}
            />
            <label htmlFor={id}>
              {l.typeName} {l.licenceNo} · {l.holderName} ·{' '}
              {l.validUntil ? t('validUntil', { date: format.date(l.validUntil) }) : t('indefinite')}
              {current === l.licenceNo && <span className="tag tag--green licence-picker__tag">{t('inUse')}</span>}
            </label>
          </div>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {chosen !== current && (
        <button
          type="button"
          className="button button--secondary"
          disabled={!chosen || busy}
          onClick={() => void use()}
        >
          {busy ? t('using') : current ? t('change') : t('use')}
        </button>
      )}
    </fieldset>
  );
}
