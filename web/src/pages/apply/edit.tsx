import type { Material } from '@shared/domain/catalogue/model';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { useMe } from '../../auth/session';
import { ErrorSummary, Loader, Page, RequireSignIn } from '../../components/common';
import { useApi } from '../../components/use-api';
import { FormFields } from '../../form/form-fields';
import type { FieldProblem } from '../../form/use-form';
import { useForm } from '../../form/use-form';
import { useLang, useLocalised, useT } from '../../i18n/i18n';
import { clearLocalCopy, startingAnswers } from './local-copy';
import { CommitmentPanel } from './commitment';
import { handedIn, Materials } from './materials';
import { applyMessages } from './messages';
import { CaseCaption, JumpLink, missingMaterialProblems, SaveStatus, useClock, useSummaryOf } from './parts';
import {
  type ApplyTemplate,
  type CaseView,
  isCorrection,
  isEditable,
  type Licence,
  licenceTypeNames,
  loadCase,
  loadWallet,
  templateOfCase,
} from './template';
import { useDraft } from './use-draft';
import './apply.css';

/**
 * /cases/<id>/edit: the form and materials of a draft, or of a case returned for correction (补正). A draft saves
 * itself as the applicant goes; a correction's answers are kept on this device until they are resubmitted from the
 * review page. `?check=1` shows every problem at once (coming back from the review), and `#field-…` focuses a field.
 */
export default function EditCase() {
  return (
    <RequireSignIn>
      <Edit />
    </RequireSignIn>
  );
}

function Edit() {
  const { id } = useParams<{ id: string }>();
  const me = useMe();
  const loaded = useApi(async () => {
    const caseView = await loadCase(id);
    const [template, typeNames, wallet] = await Promise.all([
      templateOfCase(caseView),
      licenceTypeNames().catch(() => new Map<string, { name: string; nameEn?: string }>()),
      // Only applicants hold a wallet; an agent uploads copies.
      me.role === 'applicant' ? loadWallet().catch(() => [] as Licence[]) : Promise.resolve(undefined),
    ]);
    return { caseView, template, typeNames, wallet };
  }, [id, me.role]);
  return <Loader loaded={loaded}>{(data) => <Editor key={data.caseView.id} {...data} />}</Loader>;
}

function Editor({
  caseView: loadedCase,
  template,
  typeNames,
  wallet,
}: {
  caseView: CaseView;
  template: ApplyTemplate;
  typeNames: Map<string, { name: string; nameEn?: string }>;
  wallet: Licence[] | undefined;
}) {
  const t = useT(applyMessages);
  const { lang } = useLang();
  const localised = useLocalised();
  const clock = useClock();
  const summaryOf = useSummaryOf(template.definition.fields);
  const me = useMe();
  const [, navigate] = useLocation();
  const check = new URLSearchParams(useSearch()).get('check') === '1';
  const [caseView, setCase] = useState(loadedCase);
  const start = useMemo(() => startingAnswers(loadedCase.id, loadedCase.form), [loadedCase]);
  const form = useForm(template.definition, start.form, { showAll: check });
  const [stale, setStale] = useState(start.stale);
  const correcting = isCorrection(caseView.status);
  const title = lang === 'en' && template.nameEn ? template.nameEn : template.name;

  const onServerProblems = useCallback(
    (details: readonly FieldProblem[]) => form.setServerProblems(details.filter((d) => d.path.startsWith('form'))),
    [form.setServerProblems],
  );
  const onSaved = useCallback(
    (saved: CaseView) => setCase((c) => ({ ...c, status: saved.status, updatedAt: saved.updatedAt })),
    [],
  );
  const draft = useDraft({
    caseView: loadedCase,
    value: form.value,
    validate: form.validate,
    onServerProblems,
    onSaved,
  });

  const materialProblems = (materials: readonly Material[]) => missingMaterialProblems(materials, caseView);
  const [summary, setSummary] = useState<readonly FieldProblem[]>(() =>
    check ? [...form.all, ...materialProblems(template.materials)] : [],
  );
  const [materialsChecked, setMaterialsChecked] = useState(check);
  const [continueFailed, setContinueFailed] = useState(false);

  // A link with #field-… (the review's "change" links) lands on that field.
  useEffect(() => {
    const target = decodeURIComponent(window.location.hash.slice(1));
    if (!target) return;
    const frame = requestAnimationFrame(() => {
      const element = document.getElementById(target);
      element?.focus();
      element?.scrollIntoView({ block: 'center' });
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  if (me.role !== 'applicant' && me.role !== 'agent') {
    return (
      <Page title={title}>
        <p className="notice">{t('staffOnly')}</p>
      </Page>
    );
  }
  if (!isEditable(caseView.status)) {
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

  const onContinue = async (event: FormEvent) => {
    event.preventDefault();
    form.touchAll();
    setMaterialsChecked(true);
    setContinueFailed(false);
    const problems = [...form.all, ...materialProblems(template.materials)];
    if (problems.length > 0) {
      setSummary(problems);
      return;
    }
    setSummary([]);
    if (!(await draft.flush())) {
      setContinueFailed(true);
      return;
    }
    navigate(`/cases/${caseView.id}/review`);
  };

  const fieldName = (key: string) => {
    const field = template.definition.fields.find((f) => f.key === key);
    return field ? localised(field.label) : key;
  };
  const materialName = (code: string) => template.materials.find((m) => m.code === code)?.name ?? code;
  // A material handed in since (uploaded, a licence, or replaced by the commitment) is no longer a problem.
  const stillMissing = (p: FieldProblem) =>
    !p.path.startsWith('materials.') || !handedIn(caseView, p.path.slice('materials.'.length));
  const materialProblemsAt = (path: string) =>
    materialsChecked ? summary.filter((p) => p.path === path && stillMissing(p)) : [];
  // 告知承诺制: a matter's published commitment may replace some of its materials.
  const offer =
    template.kind === 'matter' && template.matter?.flags.commitmentAllowed ? template.matter.commitment : undefined;

  return (
    <Page title={title}>
      <CaseCaption caseView={caseView} />
      <SaveStatus state={draft.state} onRetry={() => void draft.retry()} />
      {start.restored && <p className="notice notice--success">{t('restored')}</p>}
      {stale && (
        <div className="notice notice--warning">
          <p>{t('staleCopy', { time: clock(new Date(stale.at)) })}</p>
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                form.reset(stale.form);
                setStale(undefined);
              }}
            >
              {t('useLocal')}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                clearLocalCopy(caseView.id);
                setStale(undefined);
              }}
            >
              {t('discardLocal')}
            </button>
          </div>
        </div>
      )}
      <ErrorSummary errors={summaryOf(summary.filter(stillMissing))} />
      {continueFailed && (
        <p className="notice notice--error" role="alert">
          {t('cannotContinue')}
        </p>
      )}
      {correcting && (caseView.corrections?.length ?? 0) > 0 && (
        <section className="notice notice--warning" aria-labelledby="corrections-title">
          <h2 id="corrections-title">{t('correctionsTitle')}</h2>
          <p>{t('correctionsIntro')}</p>
          <ul>
            {caseView.corrections!.map((c) => (
              <li key={`${c.target}:${c.code}:${c.message}`}>
                <JumpLink path={c.target === 'field' ? `form.${c.code}` : `materials.${c.code}`}>
                  {t('correctionItem', {
                    name: c.target === 'field' ? fieldName(c.code) : materialName(c.code),
                    message: c.message,
                  })}
                </JumpLink>
              </li>
            ))}
          </ul>
        </section>
      )}
      {template.members && (
        <p className="panel">
          {t('bundleMembers', {
            names: template.members.map((m) => m.name ?? m.code).join(lang === 'zh' ? '、' : ', '),
          })}
        </p>
      )}

      <form id="apply-form" noValidate onSubmit={(e) => void onContinue(e)}>
        <h2>{t('formHeading')}</h2>
        <FormFields form={form} onLeave={() => void draft.flush()} />
      </form>

      <section aria-labelledby="materials-title">
        <h2 id="materials-title">{t('materialsHeading')}</h2>
        <p className="hint">{t('materialsIntro')}</p>
        {offer && <CommitmentPanel caseView={caseView} offer={offer} materials={template.materials} onCase={setCase} />}
        <Materials
          caseView={caseView}
          materials={template.materials}
          wallet={wallet}
          typeNames={typeNames}
          onCase={setCase}
          problemsAt={materialProblemsAt}
        />
      </section>

      <SaveStatus state={draft.state} onRetry={() => void draft.retry()} live={false} />
      <div className="actions">
        <button type="submit" form="apply-form" className="button">
          {correcting ? t('continueCorrection') : t('continue')}
        </button>
        {!correcting && (
          <button type="button" className="button button--secondary" onClick={() => void draft.flush()}>
            {t('saveDraft')}
          </button>
        )}
        <Link href={`/cases/${caseView.id}`}>{t('viewCase')}</Link>
      </div>
    </Page>
  );
}
