import { useState } from 'react';
import { api, type ApiError, unwrap } from '../../api/client';
import { CommandError, ErrorSummary, fieldId, useDetailMessage } from '../../components/common';
import { defineMessages, useT } from '../../i18n/i18n';
import type { CaseView } from './status';

const messages = defineMessages(
  {
    title: '撤回申请',
    lead: '在作出决定之前，您可以撤回申请。撤回后办理终止，不能恢复；如已缴费，费用将退回。',
    start: '撤回申请…',
    confirmTitle: '确认撤回',
    reason: '撤回原因（选填）',
    reasonHint: '最多 500 字，将记入办理记录。',
    tooLong: '撤回原因不能超过 500 字',
    confirm: '确认撤回',
    cancel: '不撤回',
    busy: '正在撤回…',
  },
  {
    title: 'Withdraw the application',
    lead: 'You may withdraw the application until a decision is made. It then ends and cannot be resumed; a fee paid is refunded.',
    start: 'Withdraw the application…',
    confirmTitle: 'Confirm the withdrawal',
    reason: 'Why are you withdrawing? (optional)',
    reasonHint: 'Up to 500 characters; kept in the case history.',
    tooLong: 'The reason can be at most 500 characters',
    confirm: 'Withdraw now',
    cancel: 'Keep the application',
    busy: 'Withdrawing…',
  },
);

const MAX = 500;

/** Withdrawal (only offered while the state machine allows it): a confirmation step with an optional reason. */
export function Withdraw({ c, onWithdrawn }: { c: CaseView; onWithdrawn(): Promise<void> }) {
  const t = useT(messages);
  const detail = useDetailMessage();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [tooLong, setTooLong] = useState(false);

  const reasonError = tooLong
    ? t('tooLong')
    : error?.details.find((d) => d.path.endsWith('reason'))
      ? detail(error.details.find((d) => d.path.endsWith('reason'))!)
      : undefined;

  const withdraw = async () => {
    if ([...reason].length > MAX) return setTooLong(true);
    setTooLong(false);
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = reason.trim();
      await unwrap(
        api().POST('/applications/{id}/withdraw', {
          params: { path: { id: c.id } },
          body: trimmed ? { reason: trimmed } : {},
        }),
      );
      await onWithdrawn();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="withdraw-title" className="case-section">
      <h2 id="withdraw-title">{t('title')}</h2>
      <p>{t('lead')}</p>
      {!confirming ? (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('start')}
        </button>
      ) : (
        <form
          className="group"
          onSubmit={(event) => {
            event.preventDefault();
            void withdraw();
          }}
        >
          <ErrorSummary errors={reasonError ? [{ path: 'withdraw.reason', message: reasonError }] : []} />
          <h3>{t('confirmTitle')}</h3>
          <div className={reasonError ? 'field field--error' : 'field'}>
            <label htmlFor={fieldId('withdraw.reason')}>{t('reason')}</label>
            <span className="hint" id="withdraw-reason-hint">
              {t('reasonHint')}
            </span>
            {reasonError && (
              <span className="field-error" id="withdraw-reason-error">
                {reasonError}
              </span>
            )}
            <textarea
              id={fieldId('withdraw.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby={reasonError ? 'withdraw-reason-hint withdraw-reason-error' : 'withdraw-reason-hint'}
              aria-invalid={reasonError ? true : undefined}
              className={reasonError ? 'input--error' : undefined}
              // Autofocus moves the reader into the confirmation they just opened (the button they pressed is gone).
              // biome-ignore lint/a11y/noAutofocus: rendered only on the reader's own click, never on page load
              autoFocus
            />
          </div>
          {error && !reasonError && <CommandError error={error} />}
          <div className="actions">
            <button type="submit" className="button button--warning" disabled={busy}>
              {busy ? t('busy') : t('confirm')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setConfirming(false);
                setError(undefined);
                setTooLong(false);
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
