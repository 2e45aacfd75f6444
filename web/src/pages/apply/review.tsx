import { compileForm } from '@shared/domain/catalogue/form-compile';
import { useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api, ApiError, newIdempotencyKey, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { fieldId, Loader, Page, RequireSignIn } from '../../components/common';
import { useApi } from '../../components/use-api';
import { AnswerList } from '../../form/answers';
import { anchorOf, canonical, renderedPaths } from '../../form/paths';
import type { FieldProblem } from '../../form/use-form';
import { useFormat, useLang, useT } from '../../i18n/i18n';
import { clearLocalCopy, readLocalCopy } from './local-copy';
import { COMMITMENT_PATH, committed, handedIn } from './materials';
import { applyMessages } from './messages';
import { CaseCaption, missingMaterialProblems, useSummaryOf } from './parts';
import { type ApplyTemplate, type CaseView, isCorrection, loadCase, templateOfCase } from './template';
import './apply.css';

/**
 * /cases/<id>/review: every answer and every material, each with a link back to change it, then the submission. A
 * draft is submitted with an Idempotency-Key made once and kept in this tab (sessionStorage) until it succeeds, so a
 * double click, a retry or a reload after a lost answer submits once. A case under correction is resubmitted here
 * with the answers corrected on this device (the API takes them only with the resubmission).
 */
export default function ReviewCase() {
  return (
    <RequireSignIn>
      <Review />
    </RequireSignIn>
  );
}

function Review() {
  const { id } = useParams<{ id: string }>();
  const loaded = useApi(async () => {
    const caseView = await loadCase(id);
    return { caseView, template: await templateOfCase(caseView) };
  }, [id]);
  return <Loader loaded={loaded}>{(data) => <ReviewFor key={data.caseView.id} {...data} />}</Loader>;
}

const keyName = (caseId: string) => `one-stop.submit-key.${caseId}`;

/** The submission's Idempotency-Key: the one this tab already used for this case, or a new one kept for retries. */
function submissionKey(caseId: string): string {
  try {
    const kept = sessionStorage.getItem(keyName(caseId));
    if (kept) return kept;
    const key = newIdempotencyKey();
    sessionStorage.setItem(keyName(caseId), key);
    return key;
  } catch {
    return newIdempotencyKey();
  }
}

function forgetKey(caseId: string) {
  try {
    sessionStorage.removeItem(keyName(caseId));
  } catch {
    // Nothing kept.
  }
}

function ReviewFor({ caseView, template }: { caseView: CaseView; template: ApplyTemplate }) {
  const t = useT(applyMessages);
  const { lang } = useLang();
  const format = useFormat();
  const me = useMe();
  const summaryOf = useSummaryOf(template.definition.fields);
  const [, navigate] = useLocation();
  const correcting = isCorrection(caseView.status);
  const title = correcting ? t('reviewCorrectionTitle') : t('reviewTitle');
  const key = useMemo(() => submissionKey(caseView.id), [caseView.id]);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [serverProblems, setServerProblems] = useState<readonly FieldProblem[]>([]);

  // What would be sent: a correction's answers from this device; a draft's from the server (saved as typed).
  const local = readLocalCopy(caseView.id);
  const answers = correcting && local ? local.form : caseView.form;
  const unsaved = !correcting && local !== undefined && canonical(local.form) !== canonical(caseView.form);

  const validate = useMemo(() => compileForm(template.definition), [template.definition]);
  const problems = useMemo(() => {
    const result = validate(answers);
    const rendered = new Set(renderedPaths(template.definition.fields, answers));
    const engine = result.ok ? [] : result.errors;
    const materials = missingMaterialProblems(template.materials, caseView);
    const extra = serverProblems.filter(
      (s) => ![...engine, ...materials].some((e) => e.path === s.path && e.rule === s.rule),
    );
    return [...engine, ...materials, ...extra].map((p) => ({ ...p, path: anchorOf(p.path, rendered) }));
  }, [validate, answers, template, caseView, serverProblems]);

  const editHref = (path: string, check = false) =>
    `/cases/${caseView.id}/edit${check ? '?check=1' : ''}#${fieldId(path)}`;
  const problemsAt = (path: string) => problems.filter((p) => p.path === path);

  if (me.role !== 'applicant' && me.role !== 'agent') {
    return (
      <Page title={title}>
        <p className="notice">{t('staffOnly')}</p>
      </Page>
    );
  }
  if (caseView.status !== 'DRAFT' && !correcting) {
    return (
      <Page title={title}>
        <CaseCaption caseView={caseView} />
        <p className="notice">{t('notEditable', { status: t(caseView.status as 'DRAFT') })}</p>
        <p>
          <Link href={`/cases/${caseView.id}`}>{t('viewCase')}</Link>
        </p>
      </Page>
    );
  }

  const done = () => {
    clearLocalCopy(caseView.id);
    forgetKey(caseView.id);
    navigate(`/cases/${caseView.id}/receipt`, { replace: true });
  };

  /** After a lost answer or a conflict: did the submission go through anyway? */
  const wentThrough = async () => {
    try {
      const now = await loadCase(caseView.id);
      return now.status !== caseView.status;
    } catch {
      return false;
    }
  };

  const send = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setFailure(undefined);
    try {
      if (correcting)
        await unwrap(
          api().POST('/applications/{id}/resubmit', { params: { path: { id: caseView.id } }, body: { form: answers } }),
        );
      else
        await unwrap(
          api().POST('/applications/{id}/submit', {
            params: { path: { id: caseView.id }, header: { 'idempotency-key': key } },
            body: {},
          }),
        );
      done();
      return;
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      if ((error.network || error.status === 409) && (await wentThrough())) {
        done();
        return;
      }
      setFailure(error);
      if (error.details.length > 0) setServerProblems(error.details);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const blocked = unsaved || problems.length > 0;
  const materialName = (code: string) => template.materials.find((m) => m.code === code)?.name ?? code;
  const commitment = caseView.commitment && caseView.commitment.materials.length > 0 ? caseView.commitment : undefined;
  return (
    <Page title={title}>
      <CaseCaption caseView={caseView} />
      <p>{correcting ? t('reviewCorrectionIntro') : t('reviewIntro')}</p>
      {unsaved && (
        <div className="notice notice--warning" role="alert">
          <p>{t('unsaved')}</p>
          <Link href={`/cases/${caseView.id}/edit`}>{t('backToEdit')}</Link>
        </div>
      )}
      {problems.length > 0 && (
        <div className="error-summary" role="alert" aria-labelledby="review-problems-title">
          <h2 id="review-problems-title" className="error-summary__title">
            {t('problemsTitle')}
          </h2>
          <ul>
            {summaryOf(problems).map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <Link href={editHref(p.path, true)}>{p.message}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}

      <h2>{t('formHeading')}</h2>
      <AnswerList
        fields={template.definition.fields}
        value={answers}
        changeHref={(path) => editHref(path)}
        problemsAt={problemsAt}
      />

      <h2>{t('materialsHeading')}</h2>
      <dl className="summary answers">
        {template.materials.map((m) => {
          const record = caseView.materials[m.code];
          const has = handedIn(caseView, m.code);
          const byCommitment = committed(caseView, m.code);
          return (
            <div
              key={m.code}
              className={
                problemsAt(`materials.${m.code}`).length > 0 ? 'answers__row answers__row--error' : 'answers__row'
              }
            >
              <dt>{materialName(m.code)}</dt>
              <dd>
                {byCommitment && <span className="review-material">{t('materialCommitted')}</span>}
                {record?.licenceNo && (
                  <span className="review-material">{t('materialLicence', { no: record.licenceNo })}</span>
                )}
                {(record?.files.length ?? 0) > 0 && (
                  <span className="review-material">
                    {t('materialFiles', {
                      names: record!.files.map((f) => f.fileName).join(lang === 'zh' ? '、' : ', '),
                    })}
                  </span>
                )}
                {!has && (
                  <span className={m.required && !m.tolerable ? 'field-error' : 'muted'}>
                    {m.required && m.tolerable ? t('materialTolerated') : t('materialMissing')}
                  </span>
                )}
              </dd>
              <dd className="answers__action">
                <Link href={editHref(`materials.${m.code}`)}>
                  {t('change')}
                  <span className="visually-hidden">{materialName(m.code)}</span>
                </Link>
              </dd>
            </div>
          );
        })}
      </dl>

      {commitment && (
        <section aria-labelledby="review-commitment-title">
          <h2 id="review-commitment-title">{t('commitmentHeading')}</h2>
          <p>{t('commitmentReview')}</p>
          <dl className="summary answers">
            <div className="answers__row">
              <dt>{t('commitmentMaterials')}</dt>
              <dd>{commitment.materials.map(materialName).join(lang === 'zh' ? '、' : ', ')}</dd>
              <dd className="answers__action">
                <Link href={editHref(COMMITMENT_PATH)}>
                  {t('change')}
                  <span className="visually-hidden">{t('commitmentHeading')}</span>
                </Link>
              </dd>
            </div>
            <div className="answers__row">
              <dt>{t('commitmentAt')}</dt>
              <dd>{format.dateTime(commitment.at)}</dd>
            </div>
          </dl>
        </section>
      )}

      {failure && (
        <div className="notice notice--error" role="alert">
          <p>
            {failure.network
              ? t('submitNetwork')
              : failure.details.length > 0
                ? t('submitProblems')
                : t('submitFailed', { reason: failure.message })}
          </p>
        </div>
      )}
      {!blocked && (
        <>
          <p>{t('declaration')}</p>
          <div className="actions">
            <button type="button" className="button" disabled={busy} aria-disabled={busy} onClick={() => void send()}>
              {busy ? t('submitting') : failure ? t('retrySubmit') : correcting ? t('resubmit') : t('submit')}
            </button>
            <Link href={`/cases/${caseView.id}/edit`}>{t('backToEdit')}</Link>
          </div>
        </>
      )}
      <p role="status" aria-live="polite" className="submit-progress">
        {busy && (
          <>
            <span className="spinner" aria-hidden="true" /> {t('submitting')}
          </>
        )}
      </p>
      {blocked && (
        <p>
          <Link href={`/cases/${caseView.id}/edit${unsaved ? '' : '?check=1'}`}>{t('backToEdit')}</Link>
        </p>
      )}
    </Page>
  );
}
