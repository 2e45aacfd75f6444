import { defineMessages, useFormat, useLang, useLocalised, useT } from '../../i18n/i18n';
import type { EntryInfo, Localised } from './catalogue';
import { type CaseView, HAS_RESULT } from './status';

const messages = defineMessages(
  {
    title: '告知承诺',
    applied: '本件以告知承诺制申请：申请人于 {time} 书面承诺符合许可条件，以承诺代替下列材料。',
    approved: '已依告知承诺制准予许可。',
    postCheck: '{department}将在作出决定后 {days} 个工作日内核查承诺内容；承诺不实的，依法撤销许可并记入信用记录。',
    postCheckNoDays: '审批部门将在作出决定后核查承诺内容；承诺不实的，依法撤销许可并记入信用记录。',
    theDepartment: '审批部门',
  },
  {
    title: 'Notification and commitment',
    applied:
      'Applied for on a written commitment (告知承诺制): on {time} the applicant committed to meeting the conditions, in place of the documents below.',
    approved: 'Approved on the commitment.',
    postCheck:
      '{department} checks the commitment within {days} working days after the decision; a false commitment has the licence revoked and goes on the credit record.',
    postCheckNoDays:
      'The department checks the commitment after the decision; a false commitment has the licence revoked and goes on the credit record.',
    theDepartment: 'The department',
  },
);

/** 告知承诺制 on the case page: applied for on a commitment (which materials, when), and once approved, the post-check. */
export function CommitmentSection({
  c,
  info,
  departments,
}: {
  c: CaseView;
  info: EntryInfo | undefined;
  departments: ReadonlyMap<string, Localised>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const localised = useLocalised();
  const { lang } = useLang();
  const commitment = c.commitment && c.commitment.materials.length > 0 ? c.commitment : undefined;
  if (!commitment) return null;
  const approved = c.outcome?.onCommitment === true && HAS_RESULT.includes(c.status);
  const check = info?.commitment;
  const department = check?.department
    ? departments.has(check.department)
      ? localised(departments.get(check.department))
      : t('theDepartment')
    : t('theDepartment');
  return (
    <section
      aria-labelledby="commitment-title"
      className={approved ? 'notice notice--success case-commitment' : 'notice case-commitment'}
    >
      <h2 id="commitment-title">{t('title')}</h2>
      {approved && (
        <p>
          <strong>{t('approved')}</strong>
        </p>
      )}
      <p>{t('applied', { time: format.dateTime(commitment.at) })}</p>
      <ul lang={lang === 'en' ? 'zh-CN' : undefined}>
        {commitment.materials.map((code) => (
          <li key={code}>{info?.materialNames.get(code) ?? code}</li>
        ))}
      </ul>
      {approved && <p>{check ? t('postCheck', { department, days: check.postCheckDays }) : t('postCheckNoDays')}</p>}
    </section>
  );
}
