import { defineMessages, useT } from '../../i18n/i18n';
import { useCatalogueLabels, useContentLang, useDepartmentName } from './labels';
import type { Department } from './lookups';

export interface ProcedureStage {
  readonly stage: string;
  readonly parallel: boolean;
  readonly tasks: readonly { department: string; departmentName?: string; name: string; timeLimitDays: number }[];
}

const messages = defineMessages(
  {
    acceptance: '受理',
    window: '窗口工作人员审核材料后受理（前台综合受理），材料不全的一次性告知。',
    auto: '提交后由系统自动受理。',
    step: '第 {n} 步',
    parallel: '并联审批',
    parallelText: '以下部门同时办理',
    sep: '，',
  },
  {
    acceptance: 'Acceptance',
    window: 'The window checks the documents and accepts the application; anything missing is asked for all at once.',
    auto: 'Accepted automatically when submitted.',
    step: 'Step {n}',
    parallel: 'In parallel',
    parallelText: 'These departments work at the same time',
    sep: ', ',
  },
);

/** The procedure: acceptance, then the stages in order, each with its departments' tasks and time limits. */
export function ProcedureSteps({
  acceptance,
  stages,
  departments,
}: {
  acceptance: 'auto' | 'window';
  stages: readonly ProcedureStage[];
  departments?: readonly Department[];
}) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const contentLang = useContentLang();
  const departmentName = useDepartmentName(departments);
  return (
    <ol className="cat-steps">
      <li>
        <p className="cat-steps__title">
          {t('step', { n: 1 })} · {t('acceptance')}
        </p>
        <p>{t(acceptance)}</p>
      </li>
      {stages.map((stage, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: stages have no id and their order is the procedure's
        <li key={`${i}-${stage.stage}`}>
          <p className="cat-steps__title">
            {t('step', { n: i + 2 })} · <span lang={contentLang}>{stage.stage}</span>
            {stage.parallel && (
              <>
                {' '}
                <span className="tag">{t('parallel')}</span>
              </>
            )}
          </p>
          {stage.parallel && <p className="muted">{t('parallelText')}</p>}
          <ul>
            {stage.tasks.map((task) => {
              const dept = departmentName(task.department, task.departmentName);
              return (
                <li key={task.department}>
                  <span lang={contentLang}>{task.name}</span> —{' '}
                  <span lang={dept.zh ? contentLang : undefined}>{dept.text}</span>
                  {t('sep')}
                  {labels.days(task.timeLimitDays)}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ol>
  );
}
