import { Link, useParams } from 'wouter';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { Loader, NotFound, Page } from '../components/common';
import { useApi } from '../components/use-api';
import { defineMessages, useLang, useT } from '../i18n/i18n';
import { ApplyActions } from './catalogue/apply-actions';
import { GuideContents } from './catalogue/guide-contents';
import { useCatalogueLabels, useContentLang, useDepartmentName } from './catalogue/labels';
import { type Department, type LicenceType, useDepartments, useLicenceTypes } from './catalogue/lookups';
import { type GuideMaterial, MaterialsList } from './catalogue/materials';
import './catalogue/catalogue.css';

type MatterGuide = components['schemas']['MatterGuide'];
/** The API also sends the merged materials (the shared ones once, each member's others as <matterCode>.<material>). */
type BundleGuide = components['schemas']['BundleGuide'] & { materials?: GuideMaterial[] };

const messages = defineMessages(
  {
    kind: '一件事 · 办事指南',
    basics: '基本信息',
    leadDepartment: '受理部门',
    leadDepartmentText: '{department}（一窗受理、一窗出件）',
    audience: '服务对象',
    themes: '主题',
    memberCount: '包含事项',
    order: '办理顺序',
    orderLead:
      '一次申请，各部门按下面的顺序办理：同一步里的事项并联办理（同时进行），下一步在上一步办结后开始（串联）。',
    step: '第 {n} 步',
    parallel: '并联办理',
    serial: '上一步办结后开始',
    first: '首先办理',
    memberDepartment: '实施机关',
    memberTime: '承诺时限',
    after: '在“{list}”办结后办理',
    time: '办理时限',
    bundleLimit: '一件事承诺办结时限',
    bundleLimitNote:
      '从一件事受理之日起，到最后一个事项的证照签发（或办结）为止，整体计算，受电子监察。受理当日不计入。',
    promisedTotal: '承诺办结时限（合计）',
    legalTotal: '法定办结时限（合计）',
    totalNote: '按办理顺序累加每一步中最长的时限；特别程序（如现场核查）所需时间不计入。',
    materials: '申请材料',
    materialsLead: '多个事项都要的材料只需提交一次。',
    listSep: '、',
  },
  {
    kind: 'One-thing bundle · service guide',
    basics: 'About this bundle',
    leadDepartment: 'Received by',
    leadDepartmentText: '{department} (one window receives the application and hands out the results)',
    audience: 'For',
    themes: 'Themes',
    memberCount: 'Includes',
    order: 'Order of the services',
    orderLead:
      'One application; the departments then work in this order: services in the same step run in parallel, and a step starts when the one before it is completed (in sequence).',
    step: 'Step {n}',
    parallel: 'In parallel',
    serial: 'Starts when the step before is completed',
    first: 'Done first',
    memberDepartment: 'Department',
    memberTime: 'Promised time',
    after: 'After “{list}” is completed',
    time: 'Time limits',
    bundleLimit: 'Promised time limit of this bundle',
    bundleLimitNote:
      'Counted as one, from the day the bundle is accepted to the last service’s licence (or decision), and supervised as one deadline. The day of acceptance is not counted.',
    promisedTotal: 'Promised time limit (in total)',
    legalTotal: 'Legal time limit (in total)',
    totalNote:
      'The longest limit of each step, added up in order; special procedures (such as on-site checks) are not counted.',
    materials: 'Documents to provide',
    materialsLead: 'A document several services need is handed in once.',
    listSep: ', ',
  },
);

const CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;

/** The bundle's own promise: one deadline from acceptance to the last member's licence. */
function BundleLimit({ days }: { days: number }) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  return (
    <>
      <dl className="summary">
        <div>
          <dt>{t('bundleLimit')}</dt>
          <dd>{labels.days(days)}</dd>
        </div>
      </dl>
      <p className="muted">{t('bundleLimitNote')}</p>
    </>
  );
}

/** The guide of a 一件事: its members in their order (waves), the merged materials, the time limits, and applying. */
export default function BundleGuidePage() {
  const { code = '' } = useParams<{ code: string }>();
  if (!CODE.test(code)) return <NotFound />;
  return <BundleGuideLoader code={code} />;
}

function BundleGuideLoader({ code }: { code: string }) {
  const bundle = useApi(
    () => unwrap(api().GET('/bundles/{code}', { params: { path: { code } } })) as Promise<BundleGuide>,
    [code],
  );
  const departments = useDepartments();
  const licenceTypes = useLicenceTypes();
  return (
    <Loader loaded={bundle}>
      {(data) => (
        <BundleGuideView
          bundle={data}
          departments={departments.status === 'ready' ? departments.data : undefined}
          licenceTypes={licenceTypes.status === 'ready' ? licenceTypes.data : undefined}
        />
      )}
    </Loader>
  );
}

/** The members' own guides, at the versions the bundle pins: their English names, time limits and channels. */
function useMemberGuides(bundle: BundleGuide) {
  return useApi(async () => {
    const settled = await Promise.allSettled(
      bundle.memberInfo.map((m) =>
        unwrap(
          api().GET('/matters/{code}', {
            params: { path: { code: m.code }, query: m.version ? { version: m.version } : {} },
          }),
        ),
      ),
    );
    const guides = new Map<string, MatterGuide>();
    for (const result of settled) if (result.status === 'fulfilled') guides.set(result.value.code, result.value);
    return guides;
  }, [bundle.code, bundle.version]);
}

function BundleGuideView({
  bundle,
  departments,
  licenceTypes,
}: {
  bundle: BundleGuide;
  departments?: readonly Department[];
  licenceTypes?: readonly LicenceType[];
}) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const contentLang = useContentLang();
  const { lang } = useLang();
  const departmentName = useDepartmentName(departments);
  const members = useMemberGuides(bundle);
  const guides = members.status === 'ready' ? members.data : undefined;
  const sep = t('listSep');
  const name = lang === 'en' && bundle.nameEn ? bundle.nameEn : bundle.name;
  const lead = departmentName(bundle.department);

  /** A member's name in the reader's language where its guide has one. */
  const memberName = (code: string): { text: string; zh: boolean } => {
    const guide = guides?.get(code);
    if (lang === 'en' && guide?.nameEn) return { text: guide.nameEn, zh: false };
    return { text: guide?.name ?? bundle.memberInfo.find((m) => m.code === code)?.name ?? code, zh: true };
  };
  const dependsOn = (code: string) => bundle.members.find((m) => m.matterCode === code)?.dependsOn ?? [];
  // Waves run one after another and members within a wave in parallel: the longest of each wave, added up.
  const total = (pick: (g: MatterGuide) => number) =>
    guides && bundle.memberInfo.every((m) => guides.has(m.code))
      ? bundle.waves.reduce((sum, wave) => sum + Math.max(0, ...wave.map((code) => pick(guides.get(code)!))), 0)
      : undefined;
  const promisedTotal = total((g) => g.promisedLimitDays);
  const legalTotal = total((g) => g.legalLimitDays);
  // A version published before bundles declared their own limit is watched against the members' promises added up.
  const bundleLimit = bundle.promisedLimitDays ?? promisedTotal;
  // Offered online only if every member is.
  const online = !guides || [...guides.values()].every((g) => g.channels.includes('online'));
  const materials = bundle.materials ?? [];
  const sharedWith = (code: string) => {
    const shared = bundle.sharedMaterials.find((s) => s.code === code);
    return shared ? [...new Set(shared.satisfies.map((s) => s.matterCode))].map((c) => memberName(c).text) : undefined;
  };

  return (
    <Page title={name}>
      <p className="lead">{t('kind')}</p>
      <p lang={contentLang}>{bundle.description}</p>
      <ApplyActions kind="bundle" code={bundle.code} name={name} audience={bundle.audience} online={online} />

      <GuideContents
        sections={[
          { id: 'basics', title: t('basics') },
          { id: 'order', title: t('order') },
          { id: 'time', title: t('time') },
          { id: 'materials', title: t('materials') },
        ]}
      />

      <section aria-labelledby="basics">
        <h2 id="basics">{t('basics')}</h2>
        <dl className="summary">
          <div>
            <dt>{t('leadDepartment')}</dt>
            <dd>{t('leadDepartmentText', { department: lead.text })}</dd>
          </div>
          <div>
            <dt>{t('audience')}</dt>
            <dd>{bundle.audience.map(labels.audience).join(sep)}</dd>
          </div>
          {bundle.themes.length > 0 && (
            <div>
              <dt>{t('themes')}</dt>
              <dd>{bundle.themes.map(labels.theme).join(sep)}</dd>
            </div>
          )}
          <div>
            <dt>{t('memberCount')}</dt>
            <dd>{labels.t('members', { n: bundle.members.length })}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="order">
        <h2 id="order">{t('order')}</h2>
        <p>{t('orderLead')}</p>
        <ol className="cat-steps">
          {bundle.waves.map((wave, i) => (
            <li key={wave.join(',')}>
              <h3 className="cat-steps__heading">
                {t('step', { n: i + 1 })}
                {wave.length > 1 && (
                  <>
                    {' '}
                    <span className="tag">{t('parallel')}</span>
                  </>
                )}
              </h3>
              <p className="muted">{i === 0 ? t('first') : t('serial')}</p>
              <ul className="list-plain">
                {wave.map((code) => {
                  const member = memberName(code);
                  const guide = guides?.get(code);
                  const info = bundle.memberInfo.find((m) => m.code === code);
                  const dept = departmentName(guide?.department ?? info?.department ?? '', guide?.departmentInfo?.name);
                  const after = dependsOn(code);
                  return (
                    <li key={code}>
                      <p className="cat-result__title">
                        <Link href={`/matters/${code}`} lang={member.zh ? contentLang : undefined}>
                          {member.text}
                        </Link>
                      </p>
                      <dl className="cat-facts">
                        <div>
                          <dt>{t('memberDepartment')}</dt>
                          <dd lang={dept.zh ? contentLang : undefined}>{dept.text}</dd>
                        </div>
                        {guide && (
                          <div>
                            <dt>{t('memberTime')}</dt>
                            <dd>
                              {guide.flags.immediate || guide.promisedLimitDays === 0
                                ? labels.t('onTheSpot')
                                : labels.days(guide.promisedLimitDays)}
                            </dd>
                          </div>
                        )}
                      </dl>
                      {after.length > 0 && (
                        <p className="muted">{t('after', { list: after.map((c) => memberName(c).text).join(sep) })}</p>
                      )}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="time">
        <h2 id="time">{t('time')}</h2>
        {bundle.promisedLimitDays !== undefined && <BundleLimit days={bundle.promisedLimitDays} />}
        <Loader loaded={members}>
          {() => (
            <>
              {bundle.promisedLimitDays === undefined && bundleLimit !== undefined && (
                <BundleLimit days={bundleLimit} />
              )}
              <dl className="summary">
                {legalTotal !== undefined && (
                  <div>
                    <dt>{t('legalTotal')}</dt>
                    <dd>{labels.days(legalTotal)}</dd>
                  </div>
                )}
                {promisedTotal !== undefined && (
                  <div>
                    <dt>{t('promisedTotal')}</dt>
                    <dd>{labels.days(promisedTotal)}</dd>
                  </div>
                )}
              </dl>
              <p className="muted">{t('totalNote')}</p>
            </>
          )}
        </Loader>
      </section>

      <section aria-labelledby="materials">
        <h2 id="materials">{t('materials')}</h2>
        <p>{t('materialsLead')}</p>
        <MaterialsList materials={materials} licenceTypes={licenceTypes} sharedWith={sharedWith} />
      </section>

      <ApplyActions kind="bundle" code={bundle.code} name={name} audience={bundle.audience} online={online} />
    </Page>
  );
}
