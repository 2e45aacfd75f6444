import { type FormEvent, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api, type ApiError, unwrap } from '../../api/client';
import { CommandError, ErrorSummary, fieldId, Loader, Page } from '../../components/common';
import { errorsByField, LabelledField, useFieldMessage } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import { asApiError, orMissing } from '../shared/optional';
import { SecretOnce } from '../shared/secret-once';
import './admin.css';

const messages = defineMessages(
  {
    title: '部门对接',
    intro: '每个部门的系统怎样接收任务：统一待办（在工作台办理）、Webhook 推送（签名回调）或前置交换目录。',
    departments: '部门',
    code: '代码',
    name: '名称',
    mode: '方式',
    configure: '配置 {name}',
    todo: '统一待办',
    webhook: 'Webhook 推送',
    exchange: '前置交换目录',
    notConfigured: '未配置（默认统一待办）',
    configTitle: '{name}的对接',
    updated: '最近由 {who} 于 {at} 修改。',
    endpoint: '接收地址（HTTPS）',
    endpointHint: '平台把任务以签名的 POST 请求发送到这里。',
    events: '订阅的事件',
    taskOpened: '任务开启（Task.Opened.v1）',
    matters: '推送的事项',
    mattersHint: '每行一个事项编码；* 表示全部事项。',
    timeout: '超时（毫秒）',
    timeoutHint: '1000 至 30000；在此时间内返回 2xx 视为送达。',
    save: '保存对接',
    saved: '对接已保存。',
    newSecret: '已为该部门生成签名密钥',
    rotateTitle: '轮换签名密钥',
    rotateIntro: '生成新密钥后，旧密钥在宽限期内仍可验签，以便部门系统切换。',
    grace: '旧密钥宽限期（小时）',
    graceHint: '0 至 336 小时。',
    rotate: '生成新密钥',
    rotated: '新密钥已生成；旧密钥在 {until} 前仍然有效。',
    noSecretYet: '保存为 Webhook 方式后，平台会生成签名密钥。',
    endpointRequired: 'Webhook 方式需要接收地址。',
    mattersRequired: '请至少填写一个事项编码，或 *。',
    timeoutInvalid: '请填写 1000 至 30000 之间的整数。',
    graceInvalid: '请填写 0 至 336 之间的整数。',
    eventsRequired: '请至少订阅一个事件。',
    httpsOnly: '接收地址须使用 HTTPS（本地环境可用回环地址上的 http）。',
    urlInvalid: '请填写完整的网址，例如 https://example.gov.cn/tasks。',
  },
  {
    title: 'Department integrations',
    intro:
      'How each department’s system receives its tasks: the unified to-do (in the workbench), signed webhooks with callbacks, or an exchange folder.',
    departments: 'Departments',
    code: 'Code',
    name: 'Name',
    mode: 'Mode',
    configure: 'Configure {name}',
    todo: 'Unified to-do',
    webhook: 'Webhook',
    exchange: 'Exchange folder',
    notConfigured: 'Not configured (to-do by default)',
    configTitle: 'Integration of {name}',
    updated: 'Last changed by {who} at {at}.',
    endpoint: 'Endpoint (HTTPS)',
    endpointHint: 'The platform POSTs each task here, signed.',
    events: 'Events subscribed',
    taskOpened: 'Task opened (Task.Opened.v1)',
    matters: 'Matters pushed',
    mattersHint: 'One matter code a line; * for every matter.',
    timeout: 'Timeout (ms)',
    timeoutHint: '1000 to 30000; a 2xx within this time counts as delivered.',
    save: 'Save the integration',
    saved: 'The integration is saved.',
    newSecret: 'A signing secret was made for this department',
    rotateTitle: 'Rotate the signing secret',
    rotateIntro:
      'After a new secret is made, the old one keeps verifying for the grace period, so the department’s system can switch over.',
    grace: 'Grace period of the old secret (hours)',
    graceHint: '0 to 336 hours.',
    rotate: 'Make a new secret',
    rotated: 'A new secret is made; the old one stays valid until {until}.',
    noSecretYet: 'Once saved in webhook mode, the platform makes a signing secret.',
    endpointRequired: 'Webhook mode needs an endpoint.',
    mattersRequired: 'Enter at least one matter code, or *.',
    timeoutInvalid: 'Enter a whole number from 1000 to 30000.',
    graceInvalid: 'Enter a whole number from 0 to 336.',
    eventsRequired: 'Subscribe to at least one event.',
    httpsOnly: 'The endpoint must use HTTPS (locally, http on a loopback address).',
    urlInvalid: 'Enter a full address, e.g. https://example.gov.cn/tasks.',
  },
);

const MODES = ['todo', 'webhook', 'exchange'] as const;
type Mode = (typeof MODES)[number];
interface Config {
  department: string;
  mode: string;
  endpoint?: string;
  events: string[];
  matters: string[];
  timeoutMs: number;
  updatedAt: string;
  updatedBy: string;
}

export default function IntegrationsPage() {
  const t = useT(messages);
  const selected = new URLSearchParams(useSearch()).get('dept') ?? undefined;
  const [round, setRound] = useState(0);
  // Each department with its integration as configured (what routes its tasks), in one request.
  const departments = useApi(async () => {
    const { items } = await unwrap(api().GET('/admin/integrations'));
    return { items: items.map(({ department, name, config }) => ({ code: department, name, config })) };
  }, [round]);
  return (
    <Page title={t('title')} wide>
      <p className="lead">{t('intro')}</p>
      <Loader loaded={departments}>
        {({ items }) => {
          const department = items.find((d) => d.code === selected);
          return (
            <>
              <div className="table-scroll">
                <table>
                  <caption>{t('departments')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('code')}</th>
                      <th scope="col">{t('name')}</th>
                      <th scope="col">{t('mode')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((d) => (
                      <tr key={d.code}>
                        <td>{d.code}</td>
                        <td>
                          <Link
                            href={`/integrations?dept=${d.code}`}
                            aria-current={d.code === selected ? 'true' : undefined}
                            aria-label={t('configure', { name: d.name })}
                          >
                            {d.name}
                          </Link>
                        </td>
                        <td>{d.config ? t(d.config.mode as Mode) : t('notConfigured')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {department && (
                <DepartmentIntegration
                  key={department.code}
                  code={department.code}
                  name={department.name}
                  onSaved={() => setRound((r) => r + 1)}
                />
              )}
            </>
          );
        }}
      </Loader>
    </Page>
  );
}

const loadConfig = (code: string) =>
  orMissing(
    unwrap(api().GET('/admin/integrations/{deptCode}', { params: { path: { deptCode: code } } })) as Promise<Config>,
  );

function DepartmentIntegration({ code, name, onSaved }: { code: string; name: string; onSaved: () => void }) {
  const t = useT(messages);
  const format = useFormat();
  const [round, setRound] = useState(0);
  const loaded = useApi(() => loadConfig(code), [code, round]);
  // A secret lives only here, in memory, until the officer leaves this department: never in storage or the address.
  const [secret, setSecret] = useState<{ value: string; title: string; note?: string }>();
  return (
    <section className="card" aria-labelledby="integration-title">
      <h2 id="integration-title">{t('configTitle', { name })}</h2>
      {secret && (
        <SecretOnce title={secret.title} secret={secret.value} note={secret.note} onDone={() => setSecret(undefined)} />
      )}
      <Loader loaded={loaded}>
        {(config) => (
          <>
            {config ? (
              <p className="muted">{t('updated', { who: config.updatedBy, at: format.dateTime(config.updatedAt) })}</p>
            ) : (
              <p className="muted">{t('notConfigured')}</p>
            )}
            <ConfigForm
              key={config?.updatedAt ?? 'new'}
              code={code}
              config={config}
              onSaved={(answer) => {
                if (answer.secret) setSecret({ value: answer.secret, title: t('newSecret') });
                setRound((r) => r + 1);
                onSaved();
              }}
            />
            {config?.mode === 'webhook' ? (
              <RotateForm
                code={code}
                onRotated={(value, until) =>
                  setSecret({ value, title: t('rotateTitle'), note: t('rotated', { until: format.dateTime(until) }) })
                }
              />
            ) : (
              <p className="muted">{t('noSecretYet')}</p>
            )}
          </>
        )}
      </Loader>
    </section>
  );
}

function ConfigForm({
  code,
  config,
  onSaved,
}: {
  code: string;
  config: Config | null;
  onSaved: (answer: { secret?: string }) => void;
}) {
  const t = useT(messages);
  const message = useFieldMessage((d) =>
    d.path.endsWith('endpoint')
      ? d.rule === 'https'
        ? t('httpsOnly')
        : d.rule === 'required'
          ? t('endpointRequired')
          : t('urlInvalid')
      : undefined,
  );
  const [mode, setMode] = useState<Mode>((config?.mode as Mode | undefined) ?? 'todo');
  const [endpoint, setEndpoint] = useState(config?.endpoint ?? '');
  const [taskOpened, setTaskOpened] = useState(config ? config.events.includes('Task.Opened.v1') : true);
  const [matters, setMatters] = useState((config?.matters ?? ['*']).join('\n'));
  const [timeout, setTimeoutMs] = useState(String(config?.timeoutMs ?? 10000));
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const errorOf = (path: string) => errors.find((e) => e.path === path)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setFailure(undefined);
    const matterCodes = matters.split(/[\s,，]+/).filter(Boolean);
    const found: { path: string; message: string }[] = [];
    if (mode === 'webhook') {
      if (!endpoint.trim()) found.push({ path: 'endpoint', message: t('endpointRequired') });
      else if (!URL.canParse(endpoint.trim())) found.push({ path: 'endpoint', message: t('urlInvalid') });
      if (!taskOpened) found.push({ path: 'events', message: t('eventsRequired') });
      if (matterCodes.length === 0) found.push({ path: 'matters', message: t('mattersRequired') });
    }
    const timeoutMs = Number(timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 30000)
      found.push({ path: 'timeoutMs', message: t('timeoutInvalid') });
    setErrors(found);
    if (found.length > 0) return;
    setSaving(true);
    try {
      const body =
        mode === 'webhook'
          ? { mode, endpoint: endpoint.trim(), events: ['Task.Opened.v1' as const], matters: matterCodes, timeoutMs }
          : { mode, timeoutMs };
      const answer = await unwrap(
        api().PUT('/admin/integrations/{deptCode}', { params: { path: { deptCode: code } }, body }),
      );
      setSaved(true);
      onSaved(answer);
    } catch (error) {
      const failed = asApiError(error);
      const byField = errorsByField(failed, message).map((e) => ({ ...e, path: e.path.replace(/\.\d+$/, '') }));
      setErrors(byField);
      if (byField.length === 0) setFailure(failed);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <CommandError error={failure} />
      <fieldset className="admin-fieldset">
        <legend>{t('mode')}</legend>
        {MODES.map((m) => (
          <div className="choice" key={m}>
            <input
              type="radio"
              id={m === 'todo' ? fieldId('mode') : `mode-${m}`}
              name="mode"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            <label htmlFor={m === 'todo' ? fieldId('mode') : `mode-${m}`}>{t(m)}</label>
          </div>
        ))}
      </fieldset>
      {mode === 'webhook' && (
        <>
          <LabelledField path="endpoint" label={t('endpoint')} hint={t('endpointHint')} error={errorOf('endpoint')}>
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                value={endpoint}
                onChange={(e) => setEndpoint(e.target.value)}
              />
            )}
          </LabelledField>
          <fieldset
            className={errorOf('events') ? 'admin-fieldset field--error' : 'admin-fieldset'}
            aria-describedby={errorOf('events') ? `${fieldId('events')}-error` : undefined}
          >
            <legend>{t('events')}</legend>
            {errorOf('events') && (
              <span className="field-error" id={`${fieldId('events')}-error`}>
                {errorOf('events')}
              </span>
            )}
            <div className="choice">
              <input
                type="checkbox"
                id={fieldId('events')}
                checked={taskOpened}
                onChange={(e) => setTaskOpened(e.target.checked)}
              />
              <label htmlFor={fieldId('events')}>{t('taskOpened')}</label>
            </div>
          </fieldset>
          <LabelledField path="matters" label={t('matters')} hint={t('mattersHint')} error={errorOf('matters')}>
            {(props) => (
              <textarea
                {...props}
                className={`admin-lines ${props.className ?? ''}`}
                rows={3}
                spellCheck={false}
                value={matters}
                onChange={(e) => setMatters(e.target.value)}
              />
            )}
          </LabelledField>
        </>
      )}
      <LabelledField path="timeoutMs" label={t('timeout')} hint={t('timeoutHint')} error={errorOf('timeoutMs')}>
        {(props) => (
          <input
            {...props}
            type="text"
            inputMode="numeric"
            value={timeout}
            onChange={(e) => setTimeoutMs(e.target.value)}
          />
        )}
      </LabelledField>
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          {t('save')}
        </button>
      </div>
      <p role="status" className={saved ? 'notice notice--success' : 'visually-hidden'}>
        {saved ? t('saved') : ''}
      </p>
    </form>
  );
}

function RotateForm({ code, onRotated }: { code: string; onRotated: (secret: string, until: string) => void }) {
  const t = useT(messages);
  const [grace, setGrace] = useState('24');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const graceHours = Number(grace);
    if (!grace.trim() || !Number.isInteger(graceHours) || graceHours < 0 || graceHours > 336) {
      setError(t('graceInvalid'));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const answer = await unwrap(
        api().POST('/admin/integrations/{deptCode}/rotate-secret', {
          params: { path: { deptCode: code } },
          body: { graceHours },
        }),
      );
      onRotated(answer.secret, answer.previousValidUntil);
    } catch (e) {
      setFailure(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="rotate-title" className="panel">
      <h3 id="rotate-title">{t('rotateTitle')}</h3>
      <p>{t('rotateIntro')}</p>
      <ErrorSummary errors={error ? [{ path: 'graceHours', message: error }] : []} />
      <CommandError error={failure} />
      <LabelledField path="graceHours" label={t('grace')} hint={t('graceHint')} error={error}>
        {(props) => (
          <input {...props} type="text" inputMode="numeric" value={grace} onChange={(e) => setGrace(e.target.value)} />
        )}
      </LabelledField>
      <button type="submit" className="button button--warning" disabled={busy}>
        {t('rotate')}
      </button>
    </form>
  );
}
