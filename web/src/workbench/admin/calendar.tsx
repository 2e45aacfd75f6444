import { type FormEvent, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api, type ApiError, type ApiErrorDetail, unwrap } from '../../api/client';
import { CommandError, ErrorSummary, fieldId, Loader, Loading, Page } from '../../components/common';
import { detailPath, useFieldMessage } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLang, useT } from '../../i18n/i18n';
import { shanghaiToday } from '../shared/due-date';
import { asApiError, orMissing } from '../shared/optional';
import { type DayEntry, formatDays, type LineProblem, parseDays } from './calendar-text';
import './admin.css';

const messages = defineMessages(
  {
    title: '工作日历',
    intro:
      '法定期限按工作日计算：周末和法定节假日不计，调休上班日计入。每年须载入国务院办公厅的节假日安排通知，未载入的年份无法计算期限。',
    missingNext:
      '{year} 年的工作日历尚未载入。跨入 {year} 年的办理期限将无法计算，请尽快载入国务院办公厅关于 {year} 年部分节假日安排的通知。',
    loadNext: '载入 {year} 年日历',
    years: '年份',
    yearTitle: '{year} 年',
    notLoaded: '{year} 年的工作日历尚未载入。',
    holidays: '放假',
    workdays: '调休上班',
    name: '名称',
    dates: '日期',
    days: '天数',
    none: '无',
    counts: '放假 {h} 天，调休上班 {w} 天。',
    formTitle: '载入 {year} 年节假日安排',
    formIntro: '按通知逐行填写：名称在前，日期在后；连续的日期写成范围，几个日期用逗号分开。以 # 开头的行是注释。',
    year: '年份',
    holidaysLabel: '放假日期',
    holidaysHint: '例如：春节 {year}-02-05..{year}-02-13',
    workdaysLabel: '调休上班日期（周六或周日）',
    workdaysHint: '例如：国庆节 {year}-09-26, {year}-10-09；没有则留空',
    save: '载入日历',
    saving: '正在载入…',
    saved: '{year} 年的工作日历已载入：放假 {h} 天，调休上班 {w} 天。',
    holidaysRequired: '请填写放假日期。',
    pName: '第 {line} 行：缺少名称（名称写在日期前面）。',
    pDate: '第 {line} 行：“{value}”不是有效的日期（格式为 YYYY-MM-DD）。',
    pRange: '第 {line} 行：日期范围“{value}”有误（结束日不得早于开始日，最长 31 天）。',
    pYear: '第 {line} 行：{value} 不在 {year} 年。',
    apiLine: '第 {line} 行：{message}',
    notWeekend: '{date} 不是周六或周日，不需要调休上班。',
    twice: '{date} 重复填写。',
    both: '{date} 既是放假日又是调休上班日。',
    notInYear: '{date} 不在 {year} 年。',
    yearInvalid: '请填写 2000 至 2100 之间的年份。',
  },
  {
    title: 'Working-day calendar',
    intro:
      'Legal time limits count working days: weekends and public holidays are off, make-up working days are on. Each year’s State Council holiday notice must be loaded; time limits cannot be counted in a year without it.',
    missingNext:
      'The working-day calendar of {year} is not loaded. Time limits that run into {year} cannot be counted: load the State Council’s notice on the {year} public holidays as soon as it is published.',
    loadNext: 'Load the {year} calendar',
    years: 'Years',
    yearTitle: '{year}',
    notLoaded: 'The working-day calendar of {year} is not loaded.',
    holidays: 'Holidays',
    workdays: 'Make-up working days',
    name: 'Name',
    dates: 'Dates',
    days: 'Days',
    none: 'None',
    counts: '{h} days off, {w} make-up working days.',
    formTitle: 'Load the {year} holiday arrangements',
    formIntro:
      'One line per entry of the notice: the name, then the dates; a run of days as a range, several dates separated by commas. Lines starting with # are comments.',
    year: 'Year',
    holidaysLabel: 'Holidays',
    holidaysHint: 'For example: 春节 {year}-02-05..{year}-02-13',
    workdaysLabel: 'Make-up working days (Saturdays or Sundays)',
    workdaysHint: 'For example: 国庆节 {year}-09-26, {year}-10-09; leave empty if there are none',
    save: 'Load the calendar',
    saving: 'Loading…',
    saved: 'The {year} working-day calendar is loaded: {h} days off, {w} make-up working days.',
    holidaysRequired: 'Enter the holidays.',
    pName: 'Line {line}: the name is missing (write it before the dates).',
    pDate: 'Line {line}: “{value}” is not a date (YYYY-MM-DD).',
    pRange: 'Line {line}: the range “{value}” is wrong (it may not end before it starts, and spans 31 days at most).',
    pYear: 'Line {line}: {value} is not in {year}.',
    apiLine: 'Line {line}: {message}',
    notWeekend: '{date} is not a Saturday or Sunday: it is a working day already.',
    twice: '{date} is listed twice.',
    both: '{date} is both a holiday and a make-up working day.',
    notInYear: '{date} is not in {year}.',
    yearInvalid: 'Enter a year between 2000 and 2100.',
  },
);

type Calendar = { year: number; holidays: DayEntry[]; workdays: DayEntry[] };
type List = 'holidays' | 'workdays';

const loadCalendar = (year: number) =>
  orMissing(unwrap(api().GET('/calendars/{year}', { params: { path: { year } } })) as Promise<Calendar>);

export default function CalendarPage() {
  const t = useT(messages);
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const nextYear = thisYear + 1;
  // From November on, next year's notice is due (it is usually published in late October or November).
  const nextDue = Number(today.slice(5, 7)) >= 11;
  const requested = Number(new URLSearchParams(useSearch()).get('year'));
  const year =
    Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : nextDue ? nextYear : thisYear;
  const [saves, setSaves] = useState(0);
  const [saved, setSaved] = useState<string>();
  const next = useApi(() => loadCalendar(nextYear), [nextYear, saves]);
  // The year the answer is for: a reload keeps the previous answer until the new one comes.
  const shown = useApi(() => loadCalendar(year).then((calendar) => ({ of: year, calendar })), [year, saves]);

  return (
    <Page title={t('title')} wide>
      <p className="lead">{t('intro')}</p>
      {nextDue && next.status === 'ready' && next.data === null && (
        <div className="notice notice--warning" role="alert">
          <p>{t('missingNext', { year: nextYear })}</p>
          {year !== nextYear && (
            <p>
              <Link href={`/calendar?year=${nextYear}`}>{t('loadNext', { year: nextYear })}</Link>
            </p>
          )}
        </div>
      )}
      <nav aria-label={t('years')}>
        <ul className="admin-tabs">
          {[thisYear - 1, thisYear, nextYear].map((y) => (
            <li key={y}>
              <Link href={`/calendar?year=${y}`} aria-current={y === year ? 'page' : undefined}>
                {t('yearTitle', { year: y })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Loader loaded={shown}>
        {({ of, calendar }) =>
          of !== year ? (
            <Loading />
          ) : (
            <>
              <YearView year={year} calendar={calendar} />
              <LoadForm
                // A new form for each calendar as loaded, not at each save: until the reload answers, the old one is shown.
                key={`${year}:${JSON.stringify(calendar)}`}
                year={year}
                calendar={calendar}
                onSaved={(message) => {
                  setSaved(message);
                  setSaves((n) => n + 1);
                }}
              />
            </>
          )
        }
      </Loader>
      <p role="status" className={saved ? 'notice notice--success' : 'visually-hidden'}>
        {saved ?? ''}
      </p>
    </Page>
  );
}

function YearView({ year, calendar }: { year: number; calendar: Calendar | null }) {
  const t = useT(messages);
  if (!calendar) return <p className="notice">{t('notLoaded', { year })}</p>;
  return (
    <section aria-labelledby="calendar-year">
      <h2 id="calendar-year">{t('yearTitle', { year })}</h2>
      <p>{t('counts', { h: calendar.holidays.length, w: calendar.workdays.length })}</p>
      <div className="grid grid--2">
        <DayTable caption={t('holidays')} entries={calendar.holidays} />
        <DayTable caption={t('workdays')} entries={calendar.workdays} />
      </div>
    </section>
  );
}

/** The entries by name, each with its dates (a run of days as one range). */
function DayTable({ caption, entries }: { caption: string; entries: readonly DayEntry[] }) {
  const t = useT(messages);
  const format = useFormat();
  const groups = new Map<string, string[]>();
  for (const e of [...entries].sort((a, b) => a.date.localeCompare(b.date)))
    groups.set(e.name, [...(groups.get(e.name) ?? []), e.date]);
  return (
    <div className="table-scroll">
      <table className="admin-days">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('dates')}</th>
            <th scope="col">{t('days')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.size === 0 && (
            <tr>
              <td colSpan={3}>{t('none')}</td>
            </tr>
          )}
          {[...groups.entries()].map(([name, dates]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                {dates.length > 1 && dates.length === daysBetween(dates[0]!, dates.at(-1)!) + 1 ? (
                  <>
                    <time dateTime={dates[0]}>{format.date(dates[0])}</time> –{' '}
                    <time dateTime={dates.at(-1)}>{format.date(dates.at(-1))}</time>
                  </>
                ) : (
                  dates.map((d, i) => (
                    <span key={d}>
                      {i > 0 && '、'}
                      <time dateTime={d}>{format.date(d)}</time>
                    </span>
                  ))
                )}
              </td>
              <td>{dates.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** The notice typed in as lines; every problem, the form's own and the API's, is named at its line. */
function LoadForm({
  year,
  calendar,
  onSaved,
}: {
  year: number;
  calendar: Calendar | null;
  onSaved: (message: string) => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const apiMessage = useFieldMessage();
  const [text, setText] = useState<Record<List, string>>({
    holidays: calendar ? formatDays(calendar.holidays) : '',
    workdays: calendar ? formatDays(calendar.workdays) : '',
  });
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError>();
  const [saving, setSaving] = useState(false);

  const problemText = (p: LineProblem) =>
    t(p.rule === 'name' ? 'pName' : p.rule === 'date' ? 'pDate' : p.rule === 'range' ? 'pRange' : 'pYear', {
      line: p.line,
      value: p.value ?? '',
      year,
    });

  /** The API words calendar problems in English; in Chinese the page says them itself, by their date. */
  const localApi = (detail: ApiErrorDetail): string => {
    if (lang !== 'zh') return apiMessage(detail);
    const date = /\d{4}-\d{2}-\d{2}/.exec(detail.message)?.[0] ?? '';
    if (/Saturday or Sunday/.test(detail.message)) return t('notWeekend', { date });
    if (/listed twice/.test(detail.message)) return t('twice', { date });
    if (/both a holiday/.test(detail.message)) return t('both', { date });
    if (/is not in/.test(detail.message)) return t('notInYear', { date, year });
    return apiMessage(detail);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const parsed = { holidays: parseDays(text.holidays, year), workdays: parseDays(text.workdays, year) };
    const found: { path: string; message: string }[] = [];
    for (const list of ['holidays', 'workdays'] as const)
      found.push(...parsed[list].problems.map((p) => ({ path: list, message: problemText(p) })));
    if (!text.holidays.trim()) found.push({ path: 'holidays', message: t('holidaysRequired') });
    setErrors(found);
    if (found.length > 0) return;
    setSaving(true);
    try {
      const body = { year, holidays: parsed.holidays.entries, workdays: parsed.workdays.entries };
      const answer = (await unwrap(
        api().PUT('/admin/calendars/{year}', { params: { path: { year } }, body }),
      )) as Calendar;
      onSaved(t('saved', { year, h: answer.holidays.length, w: answer.workdays.length }));
    } catch (error) {
      const failed = asApiError(error);
      // holidays.3.date → the line entry 3 came from.
      const located = failed.details.map((d) => {
        const [list, index] = detailPath(d).split('.') as [string, string | undefined];
        if ((list === 'holidays' || list === 'workdays') && index !== undefined) {
          const line = parsed[list].lines[Number(index)];
          return { path: list, message: line ? t('apiLine', { line, message: localApi(d) }) : localApi(d) };
        }
        return { path: 'holidays', message: localApi(d) };
      });
      setErrors(located);
      if (located.length === 0) setFailure(failed);
    } finally {
      setSaving(false);
    }
  };

  const field = (list: List) => {
    const id = fieldId(list);
    const mine = errors.filter((e) => e.path === list);
    return (
      <div className={mine.length ? 'field field--error' : 'field'}>
        <label htmlFor={id}>{t(list === 'holidays' ? 'holidaysLabel' : 'workdaysLabel')}</label>
        <span className="hint" id={`${id}-hint`}>
          {t(list === 'holidays' ? 'holidaysHint' : 'workdaysHint', { year })}
        </span>
        {mine.length > 0 && (
          <ul className="field-error list-plain" id={`${id}-error`}>
            {mine.map((e) => (
              <li key={e.message}>{e.message}</li>
            ))}
          </ul>
        )}
        <textarea
          id={id}
          className={mine.length ? 'admin-lines input--error' : 'admin-lines'}
          rows={list === 'holidays' ? 9 : 5}
          spellCheck={false}
          value={text[list]}
          aria-describedby={mine.length ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={mine.length ? true : undefined}
          onChange={(e) => setText((s) => ({ ...s, [list]: e.target.value }))}
        />
      </div>
    );
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="calendar-form-title">
      <h2 id="calendar-form-title">{t('formTitle', { year })}</h2>
      <p>{t('formIntro')}</p>
      <ErrorSummary errors={errors} />
      <CommandError error={failure} />
      {field('holidays')}
      {field('workdays')}
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}
