import { useEffect, useRef, useState } from 'react';
import { defineMessages, useT } from '../../i18n/i18n';

const messages = defineMessages(
  {
    warning: '这个密钥只显示这一次，离开或关闭后无法再次查看。请立即复制并保存到部门系统中。',
    label: '密钥',
    copy: '复制密钥',
    copied: '已复制到剪贴板。',
    copyFailed: '无法自动复制，请选中密钥后手动复制。',
    done: '我已保存，关闭',
  },
  {
    warning:
      'This secret is shown only this once: it cannot be seen again after you close it or leave. Copy it now and store it in the department’s system.',
    label: 'Secret',
    copy: 'Copy the secret',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Could not copy automatically: select the secret and copy it by hand.',
    done: 'I have stored it, close',
  },
);

/**
 * A secret the API shows once (a webhook signing secret): focused and announced, with a copy button and the warning
 * that it will not be shown again. It lives only in the caller's memory; nothing here stores it.
 */
export function SecretOnce({
  title,
  secret,
  note,
  onDone,
}: {
  title: string;
  secret: string;
  note?: string;
  onDone: () => void;
}) {
  const t = useT(messages);
  const box = useRef<HTMLDivElement>(null);
  const [copy, setCopy] = useState<'copied' | 'copyFailed'>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new secret is focused and announced afresh
  useEffect(() => {
    setCopy(undefined);
    box.current?.focus();
  }, [secret]);
  return (
    <div className="notice notice--warning" role="alert" tabIndex={-1} ref={box} aria-labelledby="secret-once-title">
      <h3 id="secret-once-title">{title}</h3>
      {note && <p>{note}</p>}
      <p>
        <strong>{t('warning')}</strong>
      </p>
      <p>{t('label')}</p>
      <code className="admin-secret" data-testid="secret-once">
        {secret}
      </code>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => setCopy('copied'),
              () => setCopy('copyFailed'),
            )
          }
        >
          {t('copy')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('done')}
        </button>
      </div>
      <p role="status">{copy ? t(copy) : ''}</p>
    </div>
  );
}
