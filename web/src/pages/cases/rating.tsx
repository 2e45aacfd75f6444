import { useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { CommandError, ErrorSummary, fieldId, useDetailMessage } from '../../components/common';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import type { Rating } from './use-case';

const messages = defineMessages(
  {
    title: '好差评',
    lead: '办件已办结，请对本次服务进行评价。每个办件只能评价一次；任一项 2 分及以下为差评，相关部门须整改并答复您。',
    ability: '能力',
    abilityHint: '工作人员的业务水平和办事效率',
    attitude: '态度',
    attitudeHint: '工作人员的服务态度',
    effect: '效果',
    effectHint: '问题是否得到解决',
    score: '{n} 分',
    scale: '1 分为非常不满意，5 分为非常满意',
    comment: '评价内容（选填）',
    commentHint: '最多 500 字。',
    submit: '提交评价',
    busy: '正在提交…',
    required: '请选择“{name}”的评分',
    tooLong: '评价内容不能超过 500 字',
    given: '您的评价',
    commentGiven: '评价内容',
    ratedAt: '评价时间',
    outOf: '{n} / 5 分',
    bad: '差评：已转交办理部门整改',
    good: '好评',
    rectification: '整改情况',
    rectOpen: '部门整改中，将于 {date} 前答复您',
    rectAnswered: '部门已于 {date} 答复：{answer}',
    measures: '整改措施：{measures}',
    thanks: '感谢您的评价。',
  },
  {
    title: 'Rate the service',
    lead: 'Your case is completed: please rate the service. Each case can be rated once; a score of 2 or less is a bad rating, which the department must answer with a rectification.',
    ability: 'Ability',
    abilityHint: 'The staff’s competence and efficiency',
    attitude: 'Attitude',
    attitudeHint: 'How the staff treated you',
    effect: 'Effect',
    effectHint: 'Whether your matter was resolved',
    score: '{n} points',
    scale: '1 is very dissatisfied, 5 is very satisfied',
    comment: 'Comments (optional)',
    commentHint: 'Up to 500 characters.',
    submit: 'Send the rating',
    busy: 'Sending…',
    required: 'Choose a score for “{name}”',
    tooLong: 'Comments can be at most 500 characters',
    given: 'Your rating',
    commentGiven: 'Comments',
    ratedAt: 'Rated',
    outOf: '{n} / 5',
    bad: 'Bad rating: passed to the department for rectification',
    good: 'Good rating',
    rectification: 'Rectification',
    rectOpen: 'The department is rectifying and will answer you by {date}',
    rectAnswered: 'The department answered on {date}: {answer}',
    measures: 'Measures taken: {measures}',
    thanks: 'Thank you for your rating.',
  },
);

const SCORES = ['ability', 'attitude', 'effect'] as const;
type Score = (typeof SCORES)[number];
const HINT = { ability: 'abilityHint', attitude: 'attitudeHint', effect: 'effectHint' } as const;
const MAX = 500;

/** 好差评: the three scores and a comment once the case is completed; afterwards the rating given. */
export function RatingSection({
  caseId,
  rating,
  owner,
  onRated,
}: {
  caseId: string;
  rating?: Rating;
  owner: boolean;
  onRated(): Promise<void>;
}) {
  const t = useT(messages);
  if (rating) return <GivenRating rating={rating} />;
  if (!owner) return null;
  return (
    <section aria-labelledby="rating-title" className="case-section">
      <h2 id="rating-title">{t('title')}</h2>
      <p>{t('lead')}</p>
      <RatingForm caseId={caseId} onRated={onRated} />
    </section>
  );
}

function GivenRating({ rating }: { rating: Rating }) {
  const t = useT(messages);
  const format = useFormat();
  const r = rating.rating;
  const rect = rating.rectification;
  return (
    <section aria-labelledby="rating-title" className="case-section">
      <h2 id="rating-title">{t('given')}</h2>
      <dl className="summary">
        {SCORES.map((s) => (
          <div key={s}>
            <dt>{t(s)}</dt>
            <dd>{t('outOf', { n: r[s] })}</dd>
          </div>
        ))}
        {r.comment && (
          <div>
            <dt>{t('commentGiven')}</dt>
            <dd>{r.comment}</dd>
          </div>
        )}
        <div>
          <dt>{t('ratedAt')}</dt>
          <dd>
            {format.dateTime(r.ratedAt)} ·{' '}
            <strong className={r.bad ? 'tag tag--red' : 'tag tag--green'}>{r.bad ? t('bad') : t('good')}</strong>
          </dd>
        </div>
        {rect && (
          <div>
            <dt>{t('rectification')}</dt>
            <dd>
              {rect.status === 'answered' && rect.answer
                ? t('rectAnswered', { date: format.dateTime(rect.answeredAt), answer: rect.answer })
                : t('rectOpen', { date: format.date(rect.dueDate) })}
              {rect.measures && (
                <>
                  <br />
                  {t('measures', { measures: rect.measures })}
                </>
              )}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function RatingForm({ caseId, onRated }: { caseId: string; onRated(): Promise<void> }) {
  const t = useT(messages);
  const detail = useDetailMessage();
  const [scores, setScores] = useState<Partial<Record<Score, number>>>({});
  const [comment, setComment] = useState('');
  const [local, setLocal] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  const errors = new Map(local);
  for (const d of error?.details ?? []) {
    const path = d.path.replace(/^body\./, '');
    if (!errors.has(path)) errors.set(path, detail(d));
  }

  const submit = async () => {
    const problems = new Map<string, string>();
    for (const s of SCORES) if (scores[s] === undefined) problems.set(s, t('required', { name: t(s) }));
    if ([...comment].length > MAX) problems.set('comment', t('tooLong'));
    setLocal(problems);
    setError(undefined);
    if (problems.size > 0) return;
    setBusy(true);
    try {
      const trimmed = comment.trim();
      await unwrap(
        api().POST('/applications/{id}/rating', {
          params: { path: { id: caseId } },
          body: {
            ability: scores.ability!,
            attitude: scores.attitude!,
            effect: scores.effect!,
            ...(trimmed ? { comment: trimmed } : {}),
          },
        }),
      );
      await onRated();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  // Summary links go to each group's first radio (fieldId of the group's path).
  const summary = [...errors].map(([path, message]) => ({ path: `rating.${path}`, message }));
  const commentId = fieldId('rating.comment');
  const commentError = errors.get('comment');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary errors={summary} />
      <p className="hint">{t('scale')}</p>
      {SCORES.map((s) => {
        const problem = errors.get(s);
        return (
          <fieldset
            key={s}
            className={problem ? 'field field--error rating__group' : 'field rating__group'}
            aria-describedby={`rating-${s}-hint${problem ? ` rating-${s}-error` : ''}`}
          >
            <legend>{t(s)}</legend>
            <span className="hint" id={`rating-${s}-hint`}>
              {t(HINT[s])}
            </span>
            {problem && (
              <span className="field-error" id={`rating-${s}-error`}>
                {problem}
              </span>
            )}
            <div className="rating__scores">
              {[1, 2, 3, 4, 5].map((n) => {
                const id = n === 1 ? fieldId(`rating.${s}`) : `rating-${s}-${n}`;
                return (
                  <div className="choice" key={n}>
                    <input
                      type="radio"
                      id={id}
                      name={`rating-${s}`}
                      value={n}
                      checked={scores[s] === n}
                      onChange={() => setScores({ ...scores, [s]: n })}
                    />
                    <label htmlFor={id}>{t('score', { n })}</label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <div className={commentError ? 'field field--error' : 'field'}>
        <label htmlFor={commentId}>{t('comment')}</label>
        <span className="hint" id={`${commentId}-hint`}>
          {t('commentHint')}
        </span>
        {commentError && (
          <span className="field-error" id={`${commentId}-error`}>
            {commentError}
          </span>
        )}
        <textarea
          id={commentId}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-describedby={`${commentId}-hint${commentError ? ` ${commentId}-error` : ''}`}
          aria-invalid={commentError ? true : undefined}
          className={commentError ? 'input--error' : undefined}
        />
      </div>
      {error && errors.size === local.size && <CommandError error={error} />}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('busy') : t('submit')}
      </button>
    </form>
  );
}
