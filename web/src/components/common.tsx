import { type ReactNode, useEffect, useLayoutEffect, useRef } from 'react';
import { Link } from 'wouter';
import type { ApiError, ApiErrorDetail } from '../api/client';
import { useSession } from '../auth/session';
import { useLang, useT } from '../i18n/i18n';
import { commonMessages } from './common-messages';
import type { Loaded } from './use-api';

/** A page: its title in the tab and as the one h1, which takes focus after navigation so screen readers announce it. */
export function Page({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · 一网通办`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className={wide ? 'page page--wide' : 'page'}>
      <h1 ref={heading} tabIndex={-1} className="page__title">
        {title}
      </h1>
      {children}
    </div>
  );
}

export function Loading() {
  const t = useT(commonMessages);
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t('loading')}
    </p>
  );
}

/** What a failed load shows: not found (as the API answers for someone else's record), no network (retry), or an error. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT(commonMessages);
  if (error.notFound) return <NotFound />;
  if (error.network)
    return (
      <div className="notice notice--error" role="alert">
        <h2>{t('networkTitle')}</h2>
        <p>{t('networkText')}</p>
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('retry')}
          </button>
        )}
      </div>
    );
  return (
    <div className="notice notice--error" role="alert">
      <h2>{t('errorTitle')}</h2>
      <p>{error.status === 403 ? t('forbiddenText') : error.status >= 500 ? t('serverText') : error.message}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function NotFound() {
  const t = useT(commonMessages);
  return (
    <Page title={t('notFoundTitle')}>
      <p>{t('notFoundText')}</p>
      <p>
        <Link href="/">{t('backHome')}</Link>
      </p>
    </Page>
  );
}

/** Renders a loaded value, or the loading and error states. */
export function Loader<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T> & { reload(): void };
  children: (data: T) => ReactNode;
}) {
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  return <>{children(loaded.data)}</>;
}

/** Only for signed-in people: otherwise a prompt to sign in that comes back here. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { state, signIn } = useSession();
  const t = useT(commonMessages);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out')
    return (
      <Page title={t('signInNeeded')}>
        <p>{t('signInNeededText')}</p>
        <button type="button" className="button" onClick={() => signIn()}>
          {t('signIn')}
        </button>
      </Page>
    );
  return <>{children}</>;
}

/** The API's message for a detail, in the reader's language. */
export function useDetailMessage(): (detail: ApiErrorDetail) => string {
  const { lang } = useLang();
  return (detail) => (lang === 'zh' && detail.messageZh ? detail.messageZh : detail.message);
}

/** Maps a field path (`form.idNumber`) to its input's id, so summaries link to the field. */
export const fieldId = (path: string): string => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * The list of problems at the top of a form (GOV.UK's error summary): announced, focused, and each linking to its
 * field, next to which the same message stands.
 */
export function ErrorSummary({
  errors,
  title,
}: {
  errors: readonly { path: string; message: string }[];
  title?: string;
}) {
  const t = useT(commonMessages);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) box.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={box}>
      <h2 id="error-summary-title" className="error-summary__title">
        {title ?? t('errorSummaryTitle')}
      </h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.path}:${e.message}`}>
            <a
              href={`#${fieldId(e.path)}`}
              onClick={(event) => {
                const target = document.getElementById(fieldId(e.path));
                if (target) {
                  event.preventDefault();
                  target.focus();
                  target.scrollIntoView({ block: 'center' });
                }
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** An error of a command (not of a field): shown once, announced. */
export function CommandError({ error }: { error: ApiError | undefined }) {
  const t = useT(commonMessages);
  const detail = useDetailMessage();
  if (!error) return null;
  const text = error.network
    ? t('networkText')
    : error.status >= 500
      ? t('serverText')
      : error.status === 403
        ? t('forbiddenText')
        : error.message;
  return (
    <div className="notice notice--error" role="alert">
      <p>{text}</p>
      {error.details.length > 0 && (
        <ul>
          {error.details.map((d) => (
            <li key={`${d.path}:${d.rule}`}>{detail(d)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="progress">
      <progress max={100} value={Math.round(value)} aria-label={label} />
      <span className="progress__value">{Math.round(value)}%</span>
    </div>
  );
}

/**
 * What a command did: a success notice whose heading takes focus and scrolls into view, so a screen reader announces
 * it and the keyboard continues from it.
 */
export function CommandOutcome({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  className: string;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Before the browser paints: the outcome never shows unfocused, so a keyboard or screen-reader user (or a test that
  // reads the focus as soon as the heading is there) never meets the moment between.
  useLayoutEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <section className={`notice notice--success ${className}`} role="status" aria-labelledby={id}>
      <h2 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
