import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { type ApiError, api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useMe } from '../auth/session';
import { CommandError, Loader, Page, RequireSignIn } from '../components/common';
import { useCursorPages } from '../components/use-cursor-pages';
import { defineMessages, useFormat, useT } from '../i18n/i18n';
import './inbox.css';

type Message = components['schemas']['InboxMessage'];
type InboxPage = { items: Message[]; unread: number; nextCursor?: string };

const messages = defineMessages(
  {
    title: '消息中心',
    unreadCount: '{n} 条未读消息',
    noUnread: '没有未读消息',
    all: '全部消息',
    onlyUnread: '只看未读',
    filters: '筛选消息',
    contact: '设置接收短信和邮件的手机号、邮箱与语言',
    empty: '暂无消息。办件进展、预约、缴费等通知会出现在这里。',
    emptyUnread: '没有未读消息。',
    unread: '未读',
    read: '已读：',
    open: '展开',
    receivedAt: '时间：{time}',
    viewCase: '查看办件 {number}',
    viewCaseNoNumber: '查看办件',
    viewLicence: '查看证照 {no}',
    viewAppointments: '查看我的预约',
    more: '显示更早的消息',
    staffNote: '本页显示您所在部门的共享收件箱。',
  },
  {
    title: 'Messages',
    unreadCount: '{n} unread',
    noUnread: 'No unread messages',
    all: 'All messages',
    onlyUnread: 'Unread only',
    filters: 'Filter messages',
    contact: 'Set the phone, e-mail and language for SMS and e-mail',
    empty: 'No messages yet. News of your cases, appointments and fees appears here.',
    emptyUnread: 'No unread messages.',
    unread: 'Unread',
    read: 'Read: ',
    open: 'Open',
    receivedAt: 'Received {time}',
    viewCase: 'Go to case {number}',
    viewCaseNoNumber: 'Go to the case',
    viewLicence: 'Go to licence {no}',
    viewAppointments: 'Go to my appointments',
    more: 'Show older messages',
    staffNote: 'This is your department’s shared inbox.',
  },
);

export default function Inbox() {
  return (
    <RequireSignIn>
      <InboxPage />
    </RequireSignIn>
  );
}

function InboxPage() {
  const t = useT(messages);
  const me = useMe();
  const onlyUnread = new URLSearchParams(useSearch()).get('unread') === 'true';
  const list = useCursorPages<Message, InboxPage>(
    (cursor) =>
      unwrap(
        api().GET('/me/inbox', { params: { query: { limit: 20, cursor, ...(onlyUnread ? { unread: 'true' } : {}) } } }),
      ),
    [onlyUnread],
  );
  // The count the first page gave, less the messages opened here since (a new first page counts afresh).
  const [opened, setOpened] = useState<{ page?: InboxPage; n: number }>({ n: 0 });
  const personal = me.role === 'applicant' || me.role === 'agent';

  return (
    <Page title={t('title')}>
      {me.role === 'department' && <p className="notice">{t('staffNote')}</p>}
      {personal && (
        <p>
          <Link href="/settings/contact">{t('contact')}</Link>
        </p>
      )}
      <nav aria-label={t('filters')} className="inbox__filters">
        <Link href="/inbox" aria-current={onlyUnread ? undefined : 'page'}>
          {t('all')}
        </Link>
        <Link href="/inbox?unread=true" aria-current={onlyUnread ? 'page' : undefined}>
          {t('onlyUnread')}
        </Link>
      </nav>
      <Loader loaded={list}>
        {({ first, items, nextCursor }) => {
          const unread = Math.max(0, first.unread - (opened.page === first ? opened.n : 0));
          return (
            <>
              <p className="lead" role="status">
                {unread > 0 ? t('unreadCount', { n: unread }) : t('noUnread')}
              </p>
              {items.length === 0 ? (
                <p>{onlyUnread ? t('emptyUnread') : t('empty')}</p>
              ) : (
                <ul className="list-plain inbox">
                  {items.map((message) => (
                    <li key={message.id}>
                      <InboxMessage
                        message={message}
                        onRead={(read) => {
                          list.update((m) => (m.id === read.id ? read : m));
                          setOpened((o) => ({ page: first, n: (o.page === first ? o.n : 0) + 1 }));
                        }}
                      />
                    </li>
                  ))}
                </ul>
              )}
              <CommandError error={list.moreError} />
              {nextCursor && (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={list.loadingMore}
                  onClick={() => void list.loadMore()}
                >
                  {t('more')}
                </button>
              )}
            </>
          );
        }}
      </Loader>
    </Page>
  );
}

/** One message: its title opens it, and opening an unread message marks it read. */
function InboxMessage({ message, onRead }: { message: Message; onRead(read: Message): void }) {
  const t = useT(messages);
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const bodyId = `message-${message.id}`;

  const toggle = async () => {
    const opening = !open;
    setOpen(opening);
    if (!opening || message.read) return;
    setError(undefined);
    try {
      onRead(await unwrap(api().POST('/me/inbox/{id}/read', { params: { path: { id: message.id } } })));
    } catch (failure) {
      setError(failure as ApiError);
    }
  };

  return (
    <article
      className={message.read ? 'inbox__message' : 'inbox__message inbox__message--unread'}
      aria-labelledby={`${bodyId}-title`}
    >
      <h2 className="inbox__heading">
        <button
          type="button"
          id={`${bodyId}-title`}
          className="inbox__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => void toggle()}
        >
          {!message.read && <span className="tag">{t('unread')}</span>}
          {message.read && <span className="visually-hidden">{t('read')}</span>}
          <span>{message.title}</span>
        </button>
      </h2>
      <p className="inbox__meta muted">{t('receivedAt', { time: format.dateTime(message.createdAt) })}</p>
      <div id={bodyId} hidden={!open}>
        <p className="inbox__body">{message.body}</p>
        <MessageLinks message={message} />
        <CommandError error={error} />
      </div>
    </article>
  );
}

function MessageLinks({ message }: { message: Message }) {
  const t = useT(messages);
  const links: { href: string; label: string }[] = [];
  if (message.caseId)
    links.push({
      href: `/cases/${encodeURIComponent(message.caseId)}`,
      label: message.caseNumber ? t('viewCase', { number: message.caseNumber }) : t('viewCaseNoNumber'),
    });
  if (message.licenceNo) links.push({ href: '/wallet', label: t('viewLicence', { no: message.licenceNo }) });
  if (message.detailType.startsWith('Appointment.'))
    links.push({ href: '/appointments', label: t('viewAppointments') });
  if (links.length === 0) return null;
  return (
    <p className="inbox__links">
      {links.map((link) => (
        <Link key={link.href} href={link.href}>
          {link.label}
        </Link>
      ))}
    </p>
  );
}
