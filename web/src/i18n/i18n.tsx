import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

/**
 * Chinese first, with English. A typed dictionary per area, written here rather than taken from i18next: two
 * languages and a few hundred strings, where a missing English key fails the type check instead of showing a key.
 */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
const STORAGE_KEY = 'one-stop.lang';

type Vars = Record<string, string | number>;
export type Messages<K extends string> = { zh: Record<K, string>; en: Record<K, string> };

/** Declares an area's messages: the English set must have exactly the Chinese set's keys. */
export function defineMessages<const Z extends Record<string, string>>(
  zh: Z,
  en: Record<keyof Z, string>,
): Messages<Extract<keyof Z, string>> {
  return { zh, en } as Messages<Extract<keyof Z, string>>;
}

function format(template: string, vars?: Vars): string {
  return vars
    ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
    : template;
}

interface I18nContext {
  readonly lang: Lang;
  setLang(lang: Lang): void;
}
const Context = createContext<I18nContext>({ lang: 'zh', setLang: () => undefined });

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // Storage may be off (private mode): Chinese by default.
  }
  return 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not kept across visits; still switched now.
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useLang = () => useContext(Context);

/** `t(key, vars)` over one area's messages in the current language. */
export function useT<K extends string>(messages: Messages<K>): (key: K, vars?: Vars) => string {
  const { lang } = useContext(Context);
  return useCallback(
    (key: K, vars?: Vars) => format(messages[lang][key] ?? messages.zh[key] ?? key, vars),
    [lang, messages],
  );
}

/** Picks the current language from the API's `{zh, en}` texts. */
export function useLocalised(): (text: { zh: string; en: string } | undefined | null) => string {
  const { lang } = useContext(Context);
  return useCallback((text) => (text ? text[lang] || text.zh : ''), [lang]);
}

/** A date or time in the reader's language and in Asia/Shanghai, where the platform's dates live. */
export function useFormat() {
  const { lang } = useContext(Context);
  return useMemo(() => {
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const dateTime = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' });
    return {
      dateTime: (iso: string | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
      /** A calendar date `YYYY-MM-DD` as such (no time zone shift). */
      date: (day: string | undefined) =>
        day
          ? /^\d{4}-\d{2}-\d{2}$/.test(day)
            ? date.format(new Date(`${day}T12:00:00+08:00`))
            : date.format(new Date(day))
          : '',
      /** An amount in fen (分), as the platform keeps money. */
      fen: (fen: number | undefined) => (fen === undefined ? '' : money.format(fen / 100)),
    };
  }, [lang]);
}
