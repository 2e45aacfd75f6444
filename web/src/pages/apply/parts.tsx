import type { FormField } from '@shared/domain/catalogue/form';
import type { Material } from '@shared/domain/catalogue/model';
import { useFieldLabel } from '../../form/labels';
import { formMessages } from '../../form/messages';
import { type ReactNode, useMemo } from 'react';
import { fieldId } from '../../components/common';
import type { FieldProblem } from '../../form/use-form';
import { useLang, useT } from '../../i18n/i18n';
import { handedIn } from './materials';
import { applyMessages, type CaseStatusKey } from './messages';
import type { CaseView } from './template';
import type { SaveState } from './use-draft';

const STATUS_TAG: Partial<Record<CaseStatusKey, string>> = {
  DRAFT: 'tag tag--grey',
  CORRECTION_REQUESTED: 'tag tag--yellow',
  RETURNED: 'tag tag--yellow',
  REFUSED: 'tag tag--red',
  REJECTED: 'tag tag--red',
  WITHDRAWN: 'tag tag--grey',
  APPROVED: 'tag tag--green',
  ISSUED: 'tag tag--green',
  DELIVERED: 'tag tag--green',
};

export function StatusTag({ status }: { status: string }) {
  const t = useT(applyMessages);
  const key = status as CaseStatusKey;
  return <strong className={STATUS_TAG[key] ?? 'tag'}>{t(key)}</strong>;
}

/** The case's number and status, under the page title. */
export function CaseCaption({ caseView }: { caseView: CaseView }) {
  const t = useT(applyMessages);
  return (
    <p className="lead apply-caption">
      <span>{t('caption', { number: caseView.number })}</span> <StatusTag status={caseView.status} />
    </p>
  );
}

/** A link to a field or a material on this page that moves focus there (as the error summary's links do). */
export function JumpLink({ path, children }: { path: string; children: ReactNode }) {
  const id = fieldId(path);
  return (
    <a
      href={`#${id}`}
      onClick={(event) => {
        const target = document.getElementById(id);
        if (target) {
          event.preventDefault();
          target.focus();
          target.scrollIntoView({ block: 'center' });
        }
      }}
    >
      {children}
    </a>
  );
}

/** hh:mm in Asia/Shanghai. */
export function useClock(): (at: Date) => string {
  const { lang } = useLang();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Asia/Shanghai',
    });
    return (at: Date) => f.format(at);
  }, [lang]);
}

/** The draft's save state, announced politely; a failed save offers a retry and says nothing typed is lost. */
export function SaveStatus({ state, onRetry, live = true }: { state: SaveState; onRetry: () => void; live?: boolean }) {
  const t = useT(applyMessages);
  const clock = useClock();
  const text =
    state.kind === 'pending'
      ? t('pending')
      : state.kind === 'saving'
        ? t('saving')
        : state.kind === 'saved'
          ? t(state.partial ? 'savedPartial' : 'saved', { time: clock(state.at) })
          : state.kind === 'offline'
            ? t('offline')
            : state.kind === 'failed'
              ? state.error.status === 409
                ? t('saveConflict')
                : state.error.details.length > 0
                  ? t('saveInvalid')
                  : t('failed', { reason: state.error.message })
              : state.kind === 'local'
                ? t('local')
                : '';
  const trouble = state.kind === 'offline' || state.kind === 'failed';
  return (
    <div className={trouble ? 'save-status save-status--trouble' : 'save-status'}>
      <p role={live ? 'status' : undefined} aria-live={live ? 'polite' : undefined} className="save-status__text">
        {text}
      </p>
      {trouble && live && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('retrySave')}
        </button>
      )}
    </div>
  );
}

/** The required materials that are neither uploaded, nor replaced by a licence or the commitment (告知承诺), and that cannot wait (容缺). */
export function missingMaterialProblems(
  materials: readonly Material[],
  caseView: CaseView,
  name: (m: Material) => string = (m) => m.name,
): FieldProblem[] {
  return materials
    .filter((m) => m.required && !m.tolerable && !handedIn(caseView, m.code))
    .map((m) => ({
      path: `materials.${m.code}`,
      rule: 'required',
      message: applyMessages.en.missingMaterial.replace('{name}', name(m)),
      messageZh: applyMessages.zh.missingMaterial.replace('{name}', name(m)),
    }));
}

/** Problems as the error summary lists them: which field, and what to do, in the reader's language. */
export function useSummaryOf(
  fields: readonly FormField[] = [],
): (problems: readonly FieldProblem[]) => { path: string; message: string }[] {
  const { lang } = useLang();
  const label = useFieldLabel(fields);
  const tf = useT(formMessages);
  return (problems) =>
    problems.map((p) => {
      const message = lang === 'zh' && p.messageZh ? p.messageZh : p.message;
      const where = label(p.path);
      return { path: p.path, message: where ? tf('problemAt', { label: where, message }) : message };
    });
}
