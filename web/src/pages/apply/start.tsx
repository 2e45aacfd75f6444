import type { FormDefinition } from '@shared/domain/catalogue/form';
import { compileForm } from '@shared/domain/catalogue/form-compile';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api, ApiError, unwrap } from '../../api/client';
import { type Me, useMe } from '../../auth/session';
import { CommandError, ErrorSummary, Loader, Loading, NotFound, Page, RequireSignIn } from '../../components/common';
import { useApi } from '../../components/use-api';
import { FormFields } from '../../form/form-fields';
import { prefillAnswers } from '../../form/prefill';
import { useForm } from '../../form/use-form';
import { useFormat, useLang, useT } from '../../i18n/i18n';
import { applyMessages } from './messages';
import { type ApplyTemplate, type CaseView, loadWallet, templateOf } from './template';
import './apply.css';

type OnBehalfOf = { idNumber?: string; uscc?: string };

/**
 * /apply/matter/<code> and /apply/bundle/<code>: starts an application. An applicant's draft is created at once,
 * pre-filled from their profile and licences (or they continue a draft they already have); an agent first says whom
 * they act for. Then the address becomes the draft's own, /cases/<id>/edit.
 */
export default function ApplyStart() {
  return (
    <RequireSignIn>
      <Start />
    </RequireSignIn>
  );
}

function Start() {
  const { kind, code } = useParams<{ kind: string; code: string }>();
  const loaded = useApi(() => templateOf(kind === 'bundle' ? 'bundle' : 'matter', code), [kind, code]);
  if (kind !== 'matter' && kind !== 'bundle') return <NotFound />;
  return <Loader loaded={loaded}>{(template) => <StartFor template={template} />}</Loader>;
}

/** The answers a new draft starts with: the profile and the applicant's own licences (an agent: the applicant's identifier only). */
async function startingForm(template: ApplyTemplate, me: Me, onBehalfOf?: OnBehalfOf) {
  const validate = compileForm(template.definition);
  if (onBehalfOf) return prefillAnswers(template.definition, { profile: onBehalfOf, licences: [] }, validate);
  const [contact, wallet] = await Promise.all([
    unwrap(api().GET('/me/contact')).catch(() => undefined),
    loadWallet().catch(() => []),
  ]);
  return prefillAnswers(
    template.definition,
    { profile: { name: me.name, idNumber: me.idNumber, uscc: me.uscc, mobile: contact?.phone }, licences: wallet },
    validate,
  );
}

function StartFor({ template }: { template: ApplyTemplate }) {
  const me = useMe();
  const t = useT(applyMessages);
  const { lang } = useLang();
  const [, navigate] = useLocation();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const title = lang === 'en' && template.nameEn ? template.nameEn : template.name;
  const guideHref = `/${template.kind === 'bundle' ? 'bundles' : 'matters'}/${template.code}`;

  const create = async (onBehalfOf?: OnBehalfOf) => {
    setBusy(true);
    setError(undefined);
    try {
      const form = await startingForm(template, me, onBehalfOf);
      const created = (await unwrap(
        api().POST('/applications', {
          body: {
            ...(template.kind === 'bundle' ? { bundleCode: template.code } : { matterCode: template.code }),
            form,
            ...(onBehalfOf ? { onBehalfOf } : {}),
          },
        }),
      )) as CaseView;
      navigate(`/cases/${created.id}/edit`, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
      setBusy(false);
    }
  };

  if (me.role !== 'applicant' && me.role !== 'agent') {
    return (
      <Page title={title}>
        <p className="notice">{t('staffOnly')}</p>
      </Page>
    );
  }
  const failure =
    error &&
    (error.status === 403 && me.role === 'agent' ? (
      <p className="notice notice--error" role="alert">
        {t('notAuthorised')}
      </p>
    ) : (
      <>
        <p className="notice notice--error" role="alert">
          {t('createFailed')}
        </p>
        <CommandError error={error} />
      </>
    ));
  return (
    <Page title={title}>
      <p className="lead">{t('startTitle')}</p>
      {me.role === 'agent' ? (
        <AgentStart busy={busy} onStart={(who) => void create(who)} failure={failure} />
      ) : (
        <ApplicantStart template={template} me={me} busy={busy} onStart={() => void create()} failure={failure} />
      )}
      <p>
        <Link href={guideHref}>{t('backToGuide')}</Link>
      </p>
    </Page>
  );
}

/** An applicant: their drafts of this matter to continue, or a new draft straight away. */
function ApplicantStart({
  template,
  me,
  busy,
  onStart,
  failure,
}: {
  template: ApplyTemplate;
  me: Me;
  busy: boolean;
  onStart: () => void;
  failure: ReactNode;
}) {
  const t = useT(applyMessages);
  const format = useFormat();
  const { lang } = useLang();
  const type = me.uscc ? 'enterprise' : me.idNumber ? 'citizen' : undefined;
  const open = type !== undefined && template.audience.includes(type);
  const drafts = useApi(async () => {
    if (!open) return [];
    const page = await unwrap(api().GET('/applications', { params: { query: { limit: 50 } } }));
    return page.items.filter((c) => c.status === 'DRAFT' && c.matterCode === template.code);
  }, [template.code, open]);
  const started = useRef(false);
  useEffect(() => {
    // Nothing to choose between: start at once (once, even when effects run twice).
    if (drafts.status === 'ready' && drafts.data.length === 0 && !started.current) {
      started.current = true;
      onStart();
    }
  }, [drafts, onStart]);

  if (!type) return <p className="notice notice--warning">{t('noIdentity')}</p>;
  if (!open)
    return (
      <p className="notice notice--warning">
        {t('wrongAudience', {
          audience: template.audience
            .map((a) => t(a === 'citizen' ? 'audienceCitizen' : 'audienceEnterprise'))
            .join(lang === 'zh' ? '、' : ', '),
        })}
      </p>
    );
  if (failure)
    return (
      <>
        {failure}
        <button type="button" className="button" disabled={busy} onClick={onStart}>
          {t('startNew')}
        </button>
      </>
    );
  return (
    <Loader loaded={drafts}>
      {(list) =>
        list.length === 0 || busy ? (
          <p role="status" className="loading">
            <span className="spinner" aria-hidden="true" /> {t('creating')}
          </p>
        ) : (
          <section aria-labelledby="existing-title">
            <h2 id="existing-title">{t('existingTitle')}</h2>
            <p>{t('existingText')}</p>
            <ul className="list-plain">
              {list.map((c) => (
                <li key={c.id}>
                  <Link href={`/cases/${c.id}/edit`}>
                    {t('continueDraft', { number: c.number, date: format.dateTime(c.createdAt) })}
                  </Link>
                </li>
              ))}
            </ul>
            <div className="actions">
              <button type="button" className="button button--secondary" disabled={busy} onClick={onStart}>
                {t('startNew')}
              </button>
            </div>
          </section>
        )
      }
    </Loader>
  );
}

/** The principal's identifier, checked by the same form engine as any form (ID number or USCC check digits). */
function principalDefinition(type: 'citizen' | 'enterprise'): FormDefinition {
  const label = type === 'citizen' ? 'principalIdNumber' : 'principalUscc';
  return {
    fields: [
      {
        type: type === 'citizen' ? 'idNumber' : 'uscc',
        key: 'principal',
        label: { zh: applyMessages.zh[label], en: applyMessages.en[label] },
        required: true,
      },
    ],
  } as FormDefinition;
}

/** An agent names the applicant they act for; the API checks the authorisation when the draft is created. */
function AgentStart({
  busy,
  onStart,
  failure,
}: {
  busy: boolean;
  onStart: (who: OnBehalfOf) => void;
  failure: ReactNode;
}) {
  const t = useT(applyMessages);
  const [type, setType] = useState<'citizen' | 'enterprise'>('enterprise');
  const definitions = useMemo(
    () => ({ citizen: principalDefinition('citizen'), enterprise: principalDefinition('enterprise') }),
    [],
  );
  const citizen = useForm(definitions.citizen, {});
  const enterprise = useForm(definitions.enterprise, {});
  const form = type === 'citizen' ? citizen : enterprise;
  const [summary, setSummary] = useState<{ path: string; message: string }[]>([]);
  const { lang } = useLang();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        form.touchAll();
        if (!form.result.ok) {
          setSummary(
            form.result.errors.map((p) => ({ path: p.path, message: lang === 'zh' ? p.messageZh : p.message })),
          );
          return;
        }
        setSummary([]);
        const id = String(form.result.value.principal);
        onStart(type === 'citizen' ? { idNumber: id } : { uscc: id });
      }}
    >
      <ErrorSummary errors={summary} />
      {failure}
      <p>{t('agentIntro')}</p>
      <div className="field">
        <fieldset>
          <legend>{t('principalType')}</legend>
          {(['enterprise', 'citizen'] as const).map((k) => (
            <div className="choice form-choice" key={k}>
              <input
                type="radio"
                id={`principal-${k}`}
                name="principalType"
                checked={type === k}
                onChange={() => setType(k)}
              />
              <label htmlFor={`principal-${k}`}>
                {t(k === 'citizen' ? 'principalCitizen' : 'principalEnterprise')}
              </label>
            </div>
          ))}
        </fieldset>
      </div>
      <FormFields form={form} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('creating') : t('agentStart')}
        </button>
      </div>
      {busy && <Loading />}
    </form>
  );
}
