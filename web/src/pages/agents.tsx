import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError, type ApiErrorDetail, api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { type Me, useMe } from '../auth/session';
import { CommandError, ErrorSummary, fieldId, Loader, Page, RequireSignIn } from '../components/common';
import { detailPath, errorsByField, LabelledField, useFieldMessage } from '../components/labelled-field';
import { useApi } from '../components/use-api';
import { defineMessages, useFormat, useT } from '../i18n/i18n';
import { useMatterNames } from './appointments/matter-names';
import { shanghaiToday } from './appointments/working-days';

type Authorisation = components['schemas']['Authorisation'];
type Audience = 'citizen' | 'enterprise';

const messages = defineMessages(
  {
    title: '代办授权',
    lead: '委托代办员代您办理事项：指定事项和截止日期，随时可以撤销。',
    grantTitle: '授权代办员',
    agentSub: '代办员账号',
    agentSubHint:
      '请代办员登录后在本页查看“我的代办员账号”并告诉您（例如 demo-agent-chen）。再次授权同一代办员会替换原授权。',
    scope: '授权办理的事项',
    allMatters: '全部事项',
    someMatters: '指定事项',
    chooseMatters: '选择事项',
    until: '授权截止日期',
    untilHint: '截止当天 24 时前有效',
    grant: '授权',
    granting: '正在授权…',
    granted: '已授权 {agent} 代办，截止 {until}。',
    listTitle: '我授权的代办员',
    none: '您还没有授权任何代办员。',
    matters: '事项',
    untilLabel: '截止',
    createdAt: '授权时间',
    expired: '已过期',
    active: '有效',
    revoke: '撤销授权',
    confirmRevoke: '确定撤销 {agent} 的代办授权吗？撤销后对方不能再代您申请。',
    yesRevoke: '确认撤销',
    keep: '保留',
    revoked: '已撤销 {agent} 的授权。',
    agentSubRequired: '请输入代办员账号',
    mattersRequired: '请至少选择一个事项',
    untilRequired: '请选择授权截止日期',
    untilFuture: '截止日期须晚于今天',
    'local-agentSub': '请输入代办员账号',
    'local-matters': '请至少选择一个事项',
    'local-until': '请选择今天以后的日期',
    agentTitle: '我代办的事项',
    agentLead: '委托人在“代办授权”中授权您后，您可以凭委托人的身份证号或统一社会信用代码代其申请授权的事项。',
    myAccount: '我的代办员账号',
    myAccountHint: '请把此账号告诉委托人，供其授权时填写。',
    principalsGap:
      '平台暂不提供代办员查询委托人名单的功能：请向委托人确认授权的事项和截止日期。未获授权或授权已过期时，提交申请会被拒绝。',
    actTitle: '代委托人申请',
    principalType: '委托人类型',
    citizen: '个人（身份证号）',
    enterprise: '企业（统一社会信用代码）',
    principalId: '委托人证件号码',
    principalIdHint: '个人填写 18 位身份证号，企业填写 18 位统一社会信用代码',
    matter: '申请事项',
    apply: '开始代为申请',
    principalIdRequired: '请输入委托人的证件号码',
    idNumberFormat: '身份证号应为 18 位：17 位数字加 1 位数字或 X',
    usccFormat: '统一社会信用代码应为 18 位数字或大写字母',
    matterRequired: '请选择申请事项',
    staff: '代办授权只适用于办事人和代办员。',
    choose: '请选择',
    separator: '、',
    revokeWho: '：{agent}',
  },
  {
    title: 'Agents',
    lead: 'Let an agent apply for you: for the services and until the date you choose. You can revoke it at any time.',
    grantTitle: 'Authorise an agent',
    agentSub: 'Agent’s account',
    agentSubHint:
      'Ask the agent: it is shown on this page as “My agent account” once they sign in (e.g. demo-agent-chen). Authorising the same agent again replaces the earlier authorisation.',
    scope: 'Services the agent may apply for',
    allMatters: 'All services',
    someMatters: 'Only some services',
    chooseMatters: 'Choose the services',
    until: 'Authorised until',
    untilHint: 'Valid to the end of that day',
    grant: 'Authorise',
    granting: 'Authorising…',
    granted: '{agent} may now apply for you until {until}.',
    listTitle: 'Agents I authorised',
    none: 'You have not authorised any agent.',
    matters: 'Services',
    untilLabel: 'Until',
    createdAt: 'Authorised on',
    expired: 'Expired',
    active: 'Active',
    revoke: 'Revoke',
    confirmRevoke: 'Revoke the authorisation of {agent}? They will no longer be able to apply for you.',
    yesRevoke: 'Yes, revoke it',
    keep: 'Keep it',
    revoked: 'The authorisation of {agent} was revoked.',
    agentSubRequired: 'Enter the agent’s account',
    mattersRequired: 'Choose at least one service',
    untilRequired: 'Choose the last day of the authorisation',
    untilFuture: 'The last day must be after today',
    'local-agentSub': 'Enter the agent’s account',
    'local-matters': 'Choose at least one service',
    'local-until': 'Choose a day after today',
    agentTitle: 'Acting for others',
    agentLead:
      'Once someone authorises you under “Agents”, you can apply for them, for the services they chose, with their ID number or unified social credit code.',
    myAccount: 'My agent account',
    myAccountHint: 'Give this account to the people you act for: they enter it when they authorise you.',
    principalsGap:
      'The platform cannot list the people who authorised you yet: check with them which services and until when. Without a valid authorisation an application is refused.',
    actTitle: 'Apply for someone',
    principalType: 'Who you act for',
    citizen: 'A person (ID number)',
    enterprise: 'An enterprise (unified social credit code)',
    principalId: 'Their ID number or code',
    principalIdHint: 'A person’s 18-character ID number, or an enterprise’s 18-character unified social credit code',
    matter: 'Service',
    apply: 'Start the application',
    principalIdRequired: 'Enter their ID number or code',
    idNumberFormat: 'An ID number has 18 characters: 17 digits, then a digit or X',
    usccFormat: 'A unified social credit code has 18 digits or capital letters',
    matterRequired: 'Choose a service',
    staff: 'Agents and authorisations are for applicants and agents only.',
    choose: 'Choose…',
    separator: ', ',
    revokeWho: ': {agent}',
  },
);

const ALL = '*';

export default function Agents() {
  return (
    <RequireSignIn>
      <AgentsPage />
    </RequireSignIn>
  );
}

function AgentsPage() {
  const t = useT(messages);
  const me = useMe();
  if (me.role === 'applicant') return <ApplicantAgents me={me} />;
  if (me.role === 'agent') return <AgentView me={me} />;
  return (
    <Page title={t('title')}>
      <p className="notice">{t('staff')}</p>
    </Page>
  );
}

/** The published matters open to an audience, with their names in the reader's language. */
function useMatters(audience?: Audience) {
  const loaded = useApi(
    () => unwrap(api().GET('/matters', { params: { query: { limit: 100, ...(audience ? { audience } : {}) } } })),
    [audience],
  );
  const items = loaded.status === 'ready' ? loaded.data.items.filter((m) => m.kind === 'matter') : [];
  const name = useMatterNames(
    items.map((m) => m.code),
    new Map(items.map((m) => [m.code, m.name])),
  );
  return { loaded, codes: items.map((m) => m.code), name };
}

// ---- the applicant: authorise, list, revoke ----

function ApplicantAgents({ me }: { me: Me }) {
  const t = useT(messages);
  const audience: Audience = me.uscc ? 'enterprise' : 'citizen';
  const matters = useMatters(audience);
  const list = useApi(() => unwrap(api().GET('/me/authorisations')), []);
  return (
    <Page title={t('title')}>
      <p className="lead">{t('lead')}</p>
      <section aria-labelledby="grant-title">
        <h2 id="grant-title">{t('grantTitle')}</h2>
        <Loader loaded={matters.loaded}>
          {() => <GrantForm codes={matters.codes} name={matters.name} onGranted={list.reload} />}
        </Loader>
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('listTitle')}</h2>
        <Loader loaded={list}>
          {({ items }) =>
            items.length === 0 ? (
              <p>{t('none')}</p>
            ) : (
              <ul className="list-plain">
                {items.map((a) => (
                  <li key={a.agentSub}>
                    <AuthorisationItem authorisation={a} name={matters.name} onRevoked={list.reload} />
                  </li>
                ))}
              </ul>
            )
          }
        </Loader>
      </section>
    </Page>
  );
}

function GrantForm({ codes, name, onGranted }: { codes: string[]; name(code: string): string; onGranted(): void }) {
  const t = useT(messages);
  const format = useFormat();
  const fieldMessage = useFieldMessage((d: ApiErrorDetail) => {
    const path = detailPath(d);
    return path === 'agentSub' || path === 'matters' || path === 'until' ? t(`local-${path}`) : undefined;
  });
  const [agentSub, setAgentSub] = useState('');
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const errorAt = (path: string) => errors.find((e) => e.path === path)?.message;
  const today = shanghaiToday();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const matters = scope === 'all' ? [ALL] : chosen;
    const problems = [
      ...(agentSub.trim() ? [] : [{ path: 'agentSub', message: t('agentSubRequired') }]),
      ...(matters.length > 0 ? [] : [{ path: 'matters', message: t('mattersRequired') }]),
      ...(!until
        ? [{ path: 'until', message: t('untilRequired') }]
        : until <= today
          ? [{ path: 'until', message: t('untilFuture') }]
          : []),
    ];
    setErrors(problems);
    setFailure(undefined);
    setDone('');
    if (problems.length > 0) return;
    setBusy(true);
    try {
      // The end of the chosen day in China, where the platform's dates live.
      const granted = await unwrap(
        api().POST('/me/authorisations', {
          body: { agentSub: agentSub.trim(), matters, until: `${until}T23:59:59+08:00` },
        }),
      );
      setDone(t('granted', { agent: granted.agentSub, until: format.date(until) }));
      setAgentSub('');
      setChosen([]);
      setScope('all');
      setUntil('');
      onGranted();
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error));
      const byField = errorsByField(apiError, fieldMessage);
      if (apiError.status >= 400 && apiError.status < 500 && byField.length > 0) setErrors(byField);
      else setFailure(apiError);
    } finally {
      setBusy(false);
    }
  };

  const mattersId = fieldId('matters');
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={errors} />
      <LabelledField path="agentSub" label={t('agentSub')} hint={t('agentSubHint')} error={errorAt('agentSub')}>
        {(props) => (
          <input
            {...props}
            type="text"
            name="agentSub"
            autoComplete="off"
            spellCheck={false}
            value={agentSub}
            onChange={(e) => setAgentSub(e.target.value)}
          />
        )}
      </LabelledField>
      <div className={errorAt('matters') ? 'field field--error' : 'field'}>
        <fieldset aria-describedby={errorAt('matters') ? `${mattersId}-error` : undefined}>
          <legend>{t('scope')}</legend>
          {errorAt('matters') && (
            <span className="field-error" id={`${mattersId}-error`}>
              {errorAt('matters')}
            </span>
          )}
          <div className="choice">
            <input
              id={mattersId}
              type="radio"
              name="scope"
              checked={scope === 'all'}
              onChange={() => setScope('all')}
            />
            <label htmlFor={mattersId}>{t('allMatters')}</label>
          </div>
          <div className="choice">
            <input
              id={`${mattersId}-some`}
              type="radio"
              name="scope"
              checked={scope === 'some'}
              onChange={() => setScope('some')}
            />
            <label htmlFor={`${mattersId}-some`}>{t('someMatters')}</label>
          </div>
          {scope === 'some' && (
            <fieldset id={`${mattersId}-list`} className="group">
              <legend>{t('chooseMatters')}</legend>
              {codes.map((code) => (
                <div className="choice" key={code}>
                  <input
                    id={`${mattersId}-${code}`}
                    type="checkbox"
                    checked={chosen.includes(code)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, code] : c.filter((x) => x !== code)))}
                  />
                  <label htmlFor={`${mattersId}-${code}`}>{name(code)}</label>
                </div>
              ))}
            </fieldset>
          )}
        </fieldset>
      </div>
      <LabelledField path="until" label={t('until')} hint={t('untilHint')} error={errorAt('until')}>
        {(props) => (
          <input
            {...props}
            type="date"
            name="until"
            min={today}
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
        )}
      </LabelledField>
      <CommandError error={failure} />
      <p role="status" className={done ? 'notice notice--success' : undefined}>
        {done}
      </p>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('granting') : t('grant')}
      </button>
    </form>
  );
}

function AuthorisationItem({
  authorisation,
  name,
  onRevoked,
}: {
  authorisation: Authorisation;
  name(code: string): string;
  onRevoked(): void;
}) {
  const t = useT(messages);
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const confirmText = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmText.current?.focus();
  }, [confirming]);
  const expired = new Date(authorisation.until).getTime() <= Date.now();
  const agent = authorisation.agentSub;

  const revoke = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(api().DELETE('/me/authorisations/{agentSub}', { params: { path: { agentSub: agent } } }));
      onRevoked();
    } catch (failure) {
      setError(failure as ApiError);
      setBusy(false);
    }
  };

  return (
    <article aria-labelledby={`agent-${agent}`}>
      <h3 id={`agent-${agent}`}>
        {agent}{' '}
        <span className={expired ? 'tag tag--grey' : 'tag tag--green'}>{expired ? t('expired') : t('active')}</span>
      </h3>
      <dl className="summary">
        <div>
          <dt>{t('matters')}</dt>
          <dd>
            {authorisation.matters.includes(ALL)
              ? t('allMatters')
              : authorisation.matters.map(name).join(t('separator'))}
          </dd>
        </div>
        <div>
          <dt>{t('untilLabel')}</dt>
          <dd>{format.date(authorisation.until)}</dd>
        </div>
        <div>
          <dt>{t('createdAt')}</dt>
          <dd>{format.dateTime(authorisation.createdAt)}</dd>
        </div>
      </dl>
      {!confirming ? (
        <button type="button" className="button button--warning" onClick={() => setConfirming(true)}>
          {t('revoke')}
          <span className="visually-hidden">{t('revokeWho', { agent })}</span>
        </button>
      ) : (
        <div className="notice notice--warning">
          <p ref={confirmText} tabIndex={-1}>
            {t('confirmRevoke', { agent })}
          </p>
          <div className="actions">
            <button type="button" className="button button--warning" disabled={busy} onClick={() => void revoke()}>
              {t('yesRevoke')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('keep')}
            </button>
          </div>
        </div>
      )}
      <CommandError error={error} />
    </article>
  );
}

// ---- the agent: their account, and applying for someone ----

const ID_NUMBER = /^\d{17}[\dX]$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

function AgentView({ me }: { me: Me }) {
  const t = useT(messages);
  return (
    <Page title={t('agentTitle')}>
      <p className="lead">{t('agentLead')}</p>
      <div className="panel">
        <h2>{t('myAccount')}</h2>
        <p>
          <strong>{me.sub}</strong>
        </p>
        <p className="hint">{t('myAccountHint')}</p>
      </div>
      <p className="notice">{t('principalsGap')}</p>
      <section aria-labelledby="act-title">
        <h2 id="act-title">{t('actTitle')}</h2>
        <ActForm />
      </section>
    </Page>
  );
}

/**
 * Starts an application for a principal: the apply page receives `?onBehalfOf=idNumber:<n>` or `uscc:<code>`, the
 * two ways POST /applications names the applicant (`onBehalfOf: {idNumber} | {uscc}`).
 */
function ActForm() {
  const t = useT(messages);
  const [, navigate] = useLocation();
  const [type, setType] = useState<Audience>('citizen');
  const matters = useMatters(type);
  const [principal, setPrincipal] = useState('');
  const [matter, setMatter] = useState('');
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const errorAt = (path: string) => errors.find((e) => e.path === path)?.message;
  const typeId = fieldId('principalType');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = principal.trim().toUpperCase();
    const problems = [
      ...(!id
        ? [{ path: 'principal', message: t('principalIdRequired') }]
        : type === 'citizen' && !ID_NUMBER.test(id)
          ? [{ path: 'principal', message: t('idNumberFormat') }]
          : type === 'enterprise' && !USCC.test(id)
            ? [{ path: 'principal', message: t('usccFormat') }]
            : []),
      ...(matter && matters.codes.includes(matter) ? [] : [{ path: 'matter', message: t('matterRequired') }]),
    ];
    setErrors(problems);
    if (problems.length > 0) return;
    const onBehalfOf = `${type === 'citizen' ? 'idNumber' : 'uscc'}:${id}`;
    navigate(`/apply/matter/${encodeURIComponent(matter)}?onBehalfOf=${encodeURIComponent(onBehalfOf)}`);
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <fieldset className="field">
        <legend>{t('principalType')}</legend>
        {(['citizen', 'enterprise'] as const).map((option, i) => (
          <div className="choice" key={option}>
            <input
              id={i === 0 ? typeId : `${typeId}-${option}`}
              type="radio"
              name="principalType"
              checked={type === option}
              onChange={() => setType(option)}
            />
            <label htmlFor={i === 0 ? typeId : `${typeId}-${option}`}>{t(option)}</label>
          </div>
        ))}
      </fieldset>
      <LabelledField path="principal" label={t('principalId')} hint={t('principalIdHint')} error={errorAt('principal')}>
        {(props) => (
          <input
            {...props}
            type="text"
            name="principal"
            autoComplete="off"
            spellCheck={false}
            value={principal}
            onChange={(e) => setPrincipal(e.target.value)}
          />
        )}
      </LabelledField>
      <LabelledField path="matter" label={t('matter')} error={errorAt('matter')}>
        {(props) => (
          <select {...props} name="matter" value={matter} onChange={(e) => setMatter(e.target.value)}>
            <option value="">{t('choose')}</option>
            {matters.codes.map((code) => (
              <option key={code} value={code}>
                {matters.name(code)}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <button type="submit" className="button">
        {t('apply')}
      </button>
    </form>
  );
}
