import { useParams } from 'wouter';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { Loader, NotFound, Page } from '../components/common';
import { useApi } from '../components/use-api';
import { defineMessages, useFormat, useLang, useT } from '../i18n/i18n';
import { ApplyActions } from './catalogue/apply-actions';
import { FeesList } from './catalogue/fees';
import { GuideContents, type GuideSection } from './catalogue/guide-contents';
import { type Hall, HallsList } from './catalogue/halls';
import { useCatalogueLabels, useContentLang, useDepartmentName } from './catalogue/labels';
import { type Department, type LicenceType, useDepartments, useLicenceTypes } from './catalogue/lookups';
import { MaterialsList } from './catalogue/materials';
import { ProcedureSteps } from './catalogue/procedure';
import './catalogue/catalogue.css';
import './commitment.css';

type MatterGuide = components['schemas']['MatterGuide'];

const messages = defineMessages(
  {
    guide: '办事指南',
    basics: '基本信息',
    department: '实施机关',
    type: '事项类型',
    audience: '服务对象',
    kind: '办件类型',
    level: '行使层级',
    basicCode: '基本编码',
    implementationCode: '实施编码',
    version: '指南版本',
    versionText: '第 {v} 版，{date} 发布',
    subItems: '办理项',
    themes: '主题',
    conditions: '受理条件',
    materials: '申请材料',
    time: '办理时限',
    legalLimit: '法定办结时限',
    promisedLimit: '承诺办结时限',
    pausable: '不计入办理时限',
    pausableText: '{list}所需时间不计入办理时限',
    fees: '收费标准',
    procedure: '办理流程',
    channels: '办理渠道',
    places: '办理地点',
    consult: '咨询方式',
    location: '办理地点',
    hours: '办公时间',
    phone: '咨询电话',
    result: '办理结果',
    resultLicence: '{licence}（电子证照）',
    validity: '有效期',
    years: '{n} 年',
    indefinite: '长期有效',
    issuer: '发证部门',
    noLicence: '办理结果以书面决定或办结通知送达。',
    basis: '设定依据',
    notes: '温馨提示',
    province: '省级',
    city: '市级',
    district: '县（区）级',
    street: '乡镇（街道）级',
    community: '村（社区）级',
    listSep: '、',
    commitment: '告知承诺',
    commitmentIntro:
      '本事项实行告知承诺制：申请人书面承诺已经符合许可条件的，可以不提交下列材料，审批部门依据承诺直接作出决定，作出决定后进行核查。',
    commitmentVoluntary: '是否以告知承诺代替由申请人自愿选择；不选择的，按一般程序提交全部材料。',
    commitmentMaterials: '可以承诺代替的材料',
    commitmentConditions: '承诺符合的条件',
    commitmentText: '承诺书',
    commitmentConsequences: '承诺不实的后果',
    commitmentCheck: '事后核查',
    commitmentCheckText: '{department}在作出许可决定后 {days} 个工作日内核查承诺内容。',
    commitmentOriginal: '中文原文',
  },
  {
    guide: 'Service guide',
    basics: 'About this service',
    department: 'Department',
    type: 'Type',
    audience: 'For',
    kind: 'How it is decided',
    level: 'Level of government',
    basicCode: 'Basic code',
    implementationCode: 'Implementation code',
    version: 'Guide version',
    versionText: 'Version {v}, published {date}',
    subItems: 'Covers',
    themes: 'Themes',
    conditions: 'Who can apply',
    materials: 'Documents to provide',
    time: 'Time limits',
    legalLimit: 'Legal time limit',
    promisedLimit: 'Promised time limit',
    pausable: 'Not counted',
    pausableText: 'Time taken by {list} is not counted',
    fees: 'Fees',
    procedure: 'How it works',
    channels: 'Ways to apply',
    places: 'Where to go',
    consult: 'Enquiries',
    location: 'Place',
    hours: 'Opening hours',
    phone: 'Phone',
    result: 'What you get',
    resultLicence: '{licence} (e-licence)',
    validity: 'Valid for',
    years: '{n} years',
    indefinite: 'No expiry',
    issuer: 'Issued by',
    noLicence: 'You receive a written decision or a notice that the case is completed.',
    basis: 'Legal basis',
    notes: 'Good to know',
    province: 'Province',
    city: 'City',
    district: 'County or district',
    street: 'Town or street',
    community: 'Village or community',
    listSep: ', ',
    commitment: 'Notification and commitment',
    commitmentIntro:
      'This service follows the notification-and-commitment system (告知承诺制): if you commit in writing that you meet the conditions, you need not hand in the documents below; the department decides on your commitment and checks it after the decision.',
    commitmentVoluntary: 'Committing is your choice; if you do not, hand in every document as usual.',
    commitmentMaterials: 'Documents a commitment may replace',
    commitmentConditions: 'What you commit to meeting',
    commitmentText: 'The commitment (承诺书)',
    commitmentConsequences: 'If the commitment is false',
    commitmentCheck: 'Check after the decision',
    commitmentCheckText: '{department} checks the commitment within {days} working days after the decision.',
    commitmentOriginal: 'The Chinese original (the text you commit to)',
  },
);

/** Codes as the catalogue writes them; anything else cannot be a matter (and the API would answer 400, not 404). */
const CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;

/** 办事指南: everything a person needs before applying, and the way to apply or book. */
export default function MatterGuidePage() {
  const { code = '' } = useParams<{ code: string }>();
  if (!CODE.test(code)) return <NotFound />;
  return <MatterGuideLoader code={code} />;
}

function MatterGuideLoader({ code }: { code: string }) {
  const guide = useApi(() => unwrap(api().GET('/matters/{code}', { params: { path: { code } } })), [code]);
  const halls = useApi(() => unwrap(api().GET('/halls', { params: { query: { matter: code } } })), [code]);
  const departments = useDepartments();
  const licenceTypes = useLicenceTypes();
  return (
    <Loader loaded={guide}>
      {(matter) => (
        <MatterGuideView
          matter={matter}
          halls={halls.status === 'ready' ? halls.data.items : undefined}
          departments={departments.status === 'ready' ? departments.data : undefined}
          licenceTypes={licenceTypes.status === 'ready' ? licenceTypes.data : undefined}
        />
      )}
    </Loader>
  );
}

function MatterGuideView({
  matter,
  halls,
  departments,
  licenceTypes,
}: {
  matter: MatterGuide;
  halls?: readonly Hall[];
  departments?: readonly Department[];
  licenceTypes?: readonly LicenceType[];
}) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const contentLang = useContentLang();
  const { lang } = useLang();
  const format = useFormat();
  const departmentName = useDepartmentName(departments);
  const dept = departmentName(matter.department, matter.departmentInfo?.name);
  const english = lang === 'en' && matter.nameEn;
  const name = english ? matter.nameEn! : matter.name;
  const sep = t('listSep');
  const policy = matter.appointment ?? 'optional';
  const bookable = policy !== 'none' && halls !== undefined && halls.length > 0 ? policy : undefined;
  const licence = matter.licenceTypeInfo;
  const issuer = licence ? departmentName(licence.issuingDepartment) : undefined;
  const hasGuideContacts = Boolean(matter.guide.location || matter.guide.hours || matter.guide.phone);
  const commitment = matter.flags.commitmentAllowed ? matter.commitment : undefined;

  const sections: GuideSection[] = [
    { id: 'conditions', title: t('conditions') },
    { id: 'materials', title: t('materials') },
    ...(commitment ? [{ id: 'commitment', title: t('commitment') }] : []),
    { id: 'time', title: t('time') },
    { id: 'fees', title: t('fees') },
    { id: 'procedure', title: t('procedure') },
    { id: 'channels', title: t('channels') },
    { id: 'places', title: t('places') },
    { id: 'result', title: t('result') },
    { id: 'basics', title: t('basics') },
    { id: 'basis', title: t('basis') },
    ...(matter.guide.notes ? [{ id: 'notes', title: t('notes') }] : []),
  ];

  return (
    <Page title={name}>
      <p className="lead">
        {t('guide')} · <span lang={dept.zh ? contentLang : undefined}>{dept.text}</span>
      </p>
      <p className="cat-tags">
        <span className="tag">{labels.matterType(matter.type)}</span>
        <span className="tag">{matter.flags.immediate ? labels.t('immediate') : labels.t('promised')}</span>
        {matter.flags.fullyOnline && <span className="tag tag--green">{labels.t('fullyOnline')}</span>}
        {matter.flags.commitmentAllowed && <span className="tag">{labels.t('commitment')}</span>}
      </p>
      <ApplyActions
        kind="matter"
        code={matter.code}
        name={name}
        audience={matter.audience}
        online={matter.channels.includes('online')}
        appointment={bookable}
      />

      <GuideContents sections={sections} />

      <section aria-labelledby="conditions">
        <h2 id="conditions">{t('conditions')}</h2>
        <ul lang={contentLang}>
          {matter.acceptanceConditions.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="materials">
        <h2 id="materials">{t('materials')}</h2>
        <MaterialsList materials={matter.materials} licenceTypes={licenceTypes} />
      </section>

      {commitment && <CommitmentSection matter={matter} commitment={commitment} departmentName={departmentName} />}

      <section aria-labelledby="time">
        <h2 id="time">{t('time')}</h2>
        <dl className="summary">
          <div>
            <dt>{t('legalLimit')}</dt>
            <dd>{labels.days(matter.legalLimitDays)}</dd>
          </div>
          <div>
            <dt>{t('promisedLimit')}</dt>
            <dd>
              {matter.flags.immediate || matter.promisedLimitDays === 0
                ? labels.t('onTheSpot')
                : labels.days(matter.promisedLimitDays)}
            </dd>
          </div>
          {matter.procedure.pausableFor.length > 0 && (
            <div>
              <dt>{t('pausable')}</dt>
              <dd>
                {t('pausableText', { list: matter.procedure.pausableFor.map(labels.specialProcedure).join(sep) })}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="fees">
        <h2 id="fees">{t('fees')}</h2>
        <FeesList fees={matter.fees} form={matter.form} />
      </section>

      <section aria-labelledby="procedure">
        <h2 id="procedure">{t('procedure')}</h2>
        <ProcedureSteps
          acceptance={matter.procedure.acceptance}
          stages={matter.procedureSummary}
          departments={departments}
        />
      </section>

      <section aria-labelledby="channels">
        <h2 id="channels">{t('channels')}</h2>
        <ul>
          {matter.channels.map((c) => (
            <li key={c}>{labels.channel(c)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="places">
        <h2 id="places">{t('places')}</h2>
        {halls && <HallsList halls={halls} matterCode={matter.code} />}
        {hasGuideContacts && (
          <>
            <h3>{t('consult')}</h3>
            <dl className="summary">
              {matter.guide.location && (
                <div>
                  <dt>{t('location')}</dt>
                  <dd lang={contentLang}>{matter.guide.location}</dd>
                </div>
              )}
              {matter.guide.hours && (
                <div>
                  <dt>{t('hours')}</dt>
                  <dd lang={contentLang}>{matter.guide.hours}</dd>
                </div>
              )}
              {matter.guide.phone && (
                <div>
                  <dt>{t('phone')}</dt>
                  <dd>
                    <a href={`tel:${matter.guide.phone.replace(/[^0-9+]/g, '')}`}>{matter.guide.phone}</a>
                  </dd>
                </div>
              )}
            </dl>
          </>
        )}
      </section>

      <section aria-labelledby="result">
        <h2 id="result">{t('result')}</h2>
        {licence ? (
          <dl className="summary">
            <div>
              <dt>{t('result')}</dt>
              <dd>
                {t('resultLicence', { licence: lang === 'en' ? (licence.nameEn ?? licence.name) : licence.name })}
              </dd>
            </div>
            <div>
              <dt>{t('validity')}</dt>
              <dd>{licence.validity.kind === 'years' ? t('years', { n: licence.validity.years }) : t('indefinite')}</dd>
            </div>
            <div>
              <dt>{t('issuer')}</dt>
              <dd lang={issuer?.zh ? contentLang : undefined}>{issuer?.text}</dd>
            </div>
          </dl>
        ) : (
          <p>{t('noLicence')}</p>
        )}
      </section>

      <section aria-labelledby="basics">
        <h2 id="basics">{t('basics')}</h2>
        <dl className="summary">
          <div>
            <dt>{t('department')}</dt>
            <dd lang={dept.zh ? contentLang : undefined}>{dept.text}</dd>
          </div>
          <div>
            <dt>{t('type')}</dt>
            <dd>{labels.matterType(matter.type)}</dd>
          </div>
          <div>
            <dt>{t('audience')}</dt>
            <dd>{matter.audience.map(labels.audience).join(sep)}</dd>
          </div>
          <div>
            <dt>{t('kind')}</dt>
            <dd>{matter.flags.immediate ? labels.t('immediate') : labels.t('promised')}</dd>
          </div>
          <div>
            <dt>{t('level')}</dt>
            <dd>{t(matter.regionLevel)}</dd>
          </div>
          {matter.subItems.length > 0 && (
            <div>
              <dt>{t('subItems')}</dt>
              <dd>
                <ul className="cat-plain-list" lang={contentLang}>
                  {matter.subItems.map((s) => (
                    <li key={s.code}>{s.name}</li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          {matter.themes.length > 0 && (
            <div>
              <dt>{t('themes')}</dt>
              <dd>{matter.themes.map(labels.theme).join(sep)}</dd>
            </div>
          )}
          <div>
            <dt>{t('basicCode')}</dt>
            <dd>{matter.basicCode}</dd>
          </div>
          <div>
            <dt>{t('implementationCode')}</dt>
            <dd>{matter.implementationCode}</dd>
          </div>
          <div>
            <dt>{t('version')}</dt>
            <dd>{t('versionText', { v: matter.version, date: format.date(matter.publishedAt) })}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="basis">
        <h2 id="basis">{t('basis')}</h2>
        <ul lang={contentLang}>
          {matter.legalBasis.map((b) => (
            <li key={`${b.law}${b.article ?? ''}`}>
              {b.law}
              {b.article ?? ''}
            </li>
          ))}
        </ul>
      </section>

      {matter.guide.notes && (
        <section aria-labelledby="notes">
          <h2 id="notes">{t('notes')}</h2>
          <p lang={contentLang}>{matter.guide.notes}</p>
        </section>
      )}

      <ApplyActions
        kind="matter"
        code={matter.code}
        name={name}
        audience={matter.audience}
        online={matter.channels.includes('online')}
        appointment={bookable}
      />
    </Page>
  );
}

type Commitment = NonNullable<MatterGuide['commitment']>;

/**
 * 告知承诺: which materials a written commitment may replace, what the applicant commits to, the text itself and what
 * follows if it is false, and the post-check after the decision. The text is the catalogue's, shown as text; in
 * English its translation, with the Chinese original (the text one commits to) a click away.
 */
function CommitmentSection({
  matter,
  commitment,
  departmentName,
}: {
  matter: MatterGuide;
  commitment: Commitment;
  departmentName: ReturnType<typeof useDepartmentName>;
}) {
  const t = useT(messages);
  const contentLang = useContentLang();
  const { lang } = useLang();
  const english = lang === 'en';
  const names = commitment.materials.map((code) => matter.materials.find((m) => m.code === code)?.name ?? code);
  const department = departmentName(
    commitment.department ?? matter.department,
    commitment.department ? undefined : matter.departmentInfo?.name,
  );
  const text = english && commitment.textEn ? commitment.textEn : commitment.text;
  const consequences = english && commitment.consequencesEn ? commitment.consequencesEn : commitment.consequences;
  return (
    <section aria-labelledby="commitment">
      <h2 id="commitment">{t('commitment')}</h2>
      <p>{t('commitmentIntro')}</p>
      <h3>{t('commitmentMaterials')}</h3>
      <ul lang={contentLang}>
        {names.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      {commitment.conditions.length > 0 && (
        <>
          <h3>{t('commitmentConditions')}</h3>
          <ul lang={contentLang}>
            {commitment.conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('commitmentText')}</h3>
      <p className="commitment-text" lang={english && commitment.textEn ? undefined : contentLang}>
        {text}
      </p>
      {english && commitment.textEn && (
        <details className="commitment-original">
          <summary>{t('commitmentOriginal')}</summary>
          <p className="commitment-text" lang="zh-CN">
            {commitment.text}
          </p>
        </details>
      )}
      <h3>{t('commitmentConsequences')}</h3>
      <p
        className="commitment-text commitment-text--consequences"
        lang={english && commitment.consequencesEn ? undefined : contentLang}
      >
        {consequences}
      </p>
      <h3>{t('commitmentCheck')}</h3>
      <p>
        {t('commitmentCheckText', { department: department.text, days: commitment.postCheckDays })}{' '}
        {t('commitmentVoluntary')}
      </p>
    </section>
  );
}
