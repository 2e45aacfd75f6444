import type { ReactNode } from 'react';
import { fieldId } from '../../components/common';
import { LabelledField } from '../../components/labelled-field';
import { defineMessages, useT } from '../../i18n/i18n';
import {
  emptyFee,
  emptyMaterial,
  type EntryFormState,
  type EntryKind,
  type FeeRow,
  JSON_KEYS,
  LINE_KEYS,
  type MaterialRow,
  NUMBER_KEYS,
  TEXT_KEYS,
} from './entry-form';

const messages = defineMessages(
  {
    basics: '基本要素',
    name: '名称（中文）',
    nameEn: '名称（英文）',
    description: '简介',
    type: '事项类型',
    basicCode: '基本编码',
    basicCodeHint: '数字、大写字母和 -，6 至 40 位。',
    implementationCode: '实施编码',
    implementationCodeHint: '数字、大写字母和 -，6 至 60 位。',
    department: '实施部门',
    regionLevel: '行使层级',
    regionCode: '行政区划代码',
    regionCodeHint: '六位数字，例如 350100。',
    yieldsLicenceType: '办理结果证照类型',
    yieldsLicenceTypeHint: '证照类型编码，例如 FOOD_BUSINESS_LICENCE；不出证照则留空。',
    appointment: '预约',
    appointmentUnset: '未设置（可预约）',
    none: '无',
    optional: '可预约',
    required: '须预约',
    audience: '服务对象',
    citizen: '自然人',
    enterprise: '法人',
    channels: '办理渠道',
    online: '网上办理',
    window: '窗口办理',
    mobile: '移动端',
    'self-service': '自助终端',
    post: '邮寄',
    flags: '办理方式',
    immediate: '即办件',
    commitmentAllowed: '可告知承诺',
    fullyOnline: '全程网办',
    themes: '主题（每行一个）',
    synonyms: '同义词（每行一个）',
    conditionsTitle: '受理条件与设定依据',
    acceptanceConditions: '受理条件（每行一条）',
    legalBasis: '设定依据（每行一条：法规名称 | 条款）',
    legalBasisHint: '例如：中华人民共和国食品安全法 | 第三十五条',
    limitsTitle: '办理时限与收费',
    legalLimitDays: '法定办结时限（工作日）',
    promisedLimitDays: '承诺办结时限（工作日）',
    charged: '收费',
    feeItems: '收费项目',
    feeItem: '收费项目 {n}',
    feeName: '项目名称',
    amountYuan: '金额（元）',
    basis: '收费依据',
    addFee: '增加收费项目',
    removeFee: '删除收费项目 {n}',
    feeConditional: '此项有按表单取值收费的条件，保留原样。',
    materialsTitle: '申请材料',
    material: '材料 {n}：{name}',
    materialCode: '材料代码',
    materialName: '材料名称',
    materialRequired: '必须提交',
    tolerable: '可容缺（先受理、后补交）',
    replaceableBy: '可用电子证照代替（证照类型编码）',
    fileTypes: '文件格式',
    maxSizeMb: '单个文件上限（MB）',
    maxCount: '文件数上限',
    materialForm: '材料形式',
    original: '原件',
    copy: '复印件',
    electronic: '电子材料',
    materialDescription: '说明',
    addMaterial: '增加材料',
    removeMaterial: '删除材料 {n}',
    noMaterials: '还没有材料。',
    formTitle: '申请表单定义（JSON）',
    formHint: '形如 {"fields": [...]}；保存时检查格式，发布时检查全部规则。',
    procedureTitle: '办理流程（JSON）',
    procedureHint: '受理方式、各阶段的部门和时限、可中止的特别程序。',
    otherTitle: '其他要素（JSON）',
    otherHint: '上面没有单独字段的要素，例如 subItems、guide；一件事的 members、fieldMap、sharedMaterials。',
    choose: '请选择',
  },
  {
    basics: 'Basic elements',
    name: 'Name (Chinese)',
    nameEn: 'Name (English)',
    description: 'Description',
    type: 'Type',
    basicCode: 'Basic code',
    basicCodeHint: 'Digits, upper-case letters and -, 6 to 40.',
    implementationCode: 'Implementation code',
    implementationCodeHint: 'Digits, upper-case letters and -, 6 to 60.',
    department: 'Department',
    regionLevel: 'Level',
    regionCode: 'Region code',
    regionCodeHint: 'Six digits, e.g. 350100.',
    yieldsLicenceType: 'Licence type issued',
    yieldsLicenceTypeHint: 'A licence type code, e.g. FOOD_BUSINESS_LICENCE; empty when no licence is issued.',
    appointment: 'Appointments',
    appointmentUnset: 'Not set (bookable)',
    none: 'None',
    optional: 'Optional',
    required: 'Required',
    audience: 'Audience',
    citizen: 'Citizens',
    enterprise: 'Enterprises',
    channels: 'Channels',
    online: 'Online',
    window: 'Window',
    mobile: 'Mobile',
    'self-service': 'Self-service terminal',
    post: 'Post',
    flags: 'Handling',
    immediate: 'Decided on the spot (即办件)',
    commitmentAllowed: 'Commitment allowed (告知承诺)',
    fullyOnline: 'Fully online (全程网办)',
    themes: 'Themes (one a line)',
    synonyms: 'Synonyms (one a line)',
    conditionsTitle: 'Conditions and legal basis',
    acceptanceConditions: 'Acceptance conditions (one a line)',
    legalBasis: 'Legal basis (one a line: law | article)',
    legalBasisHint: 'For example: 中华人民共和国食品安全法 | 第三十五条',
    limitsTitle: 'Time limits and fees',
    legalLimitDays: 'Legal time limit (working days)',
    promisedLimitDays: 'Promised time limit (working days)',
    charged: 'Charged',
    feeItems: 'Fee items',
    feeItem: 'Fee item {n}',
    feeName: 'Name',
    amountYuan: 'Amount (yuan)',
    basis: 'Basis',
    addFee: 'Add a fee item',
    removeFee: 'Remove fee item {n}',
    feeConditional: 'This item is charged on a condition of the form; it is kept as it is.',
    materialsTitle: 'Materials',
    material: 'Material {n}: {name}',
    materialCode: 'Code',
    materialName: 'Name',
    materialRequired: 'Required',
    tolerable: 'Tolerable (accepted now, handed in later)',
    replaceableBy: 'Replaceable by an e-licence (licence type code)',
    fileTypes: 'File types',
    maxSizeMb: 'Largest file (MB)',
    maxCount: 'Most files',
    materialForm: 'Form',
    original: 'Original',
    copy: 'Copy',
    electronic: 'Electronic',
    materialDescription: 'Description',
    addMaterial: 'Add a material',
    removeMaterial: 'Remove material {n}',
    noMaterials: 'No materials yet.',
    formTitle: 'Application form definition (JSON)',
    formHint: 'Shaped {"fields": [...]}; its shape is checked on saving, every rule on publishing.',
    procedureTitle: 'Procedure (JSON)',
    procedureHint: 'Acceptance, each stage’s departments and time limits, the special procedures that pause the clock.',
    otherTitle: 'Other elements (JSON)',
    otherHint: 'Elements without a field above, e.g. subItems, guide; a bundle’s members, fieldMap, sharedMaterials.',
    choose: 'Choose',
  },
);
type Key = keyof typeof messages.zh;

const MATTER_TYPES = ['行政许可', '行政给付', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务'];
const REGION_LEVELS = ['province', 'city', 'district', 'street', 'community'];
const REGION_LEVEL_NAMES: Record<string, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  district: { zh: '区县级', en: 'District' },
  street: { zh: '乡镇街道', en: 'Street' },
  community: { zh: '村社区', en: 'Community' },
};
const CHANNELS = ['online', 'window', 'mobile', 'self-service', 'post'] as const;
const FILE_TYPES = ['pdf', 'jpg', 'png', 'ofd'];

/** The paths the editor has a field for (the API's problems are shown there), and where a whole list's problems go. */
export function knownPaths(
  kind: EntryKind,
  state: EntryFormState,
): { known: Set<string>; aliases: Record<string, string> } {
  const keys =
    kind === 'matter'
      ? [
          ...TEXT_KEYS.matter,
          'audience',
          'channels',
          'legalBasis',
          'fees.charged',
          'flags.immediate',
          'flags.commitmentAllowed',
          'flags.fullyOnline',
          'materials',
          ...LINE_KEYS.matter,
          ...NUMBER_KEYS.matter,
          ...JSON_KEYS.matter,
        ]
      : [...TEXT_KEYS.bundle, 'audience', ...LINE_KEYS.bundle, ...JSON_KEYS.bundle];
  const known = new Set(keys.map((k) => `content.${k}`));
  const materialFields = [
    'code',
    'name',
    'required',
    'tolerable',
    'replaceableBy',
    'fileTypes',
    'maxSizeMb',
    'maxCount',
    'form',
    'description',
  ];
  for (const i of state.materials.keys()) for (const f of materialFields) known.add(`content.materials.${i}.${f}`);
  if (state.charged) {
    for (const i of state.fees.keys()) {
      for (const f of ['name', 'amountYuan', 'basis']) known.add(`content.fees.items.${i}.${f}`);
    }
  }
  return {
    known,
    aliases: {
      'content.flags': 'content.flags.immediate',
      'content.fees': 'content.fees.charged',
      'content.fees.items': 'content.fees.charged',
    },
  };
}

interface EditorProps {
  kind: EntryKind;
  state: EntryFormState;
  onChange: (change: (s: EntryFormState) => EntryFormState) => void;
  errorAt: (path: string) => string | undefined;
  departments: readonly { code: string; name: string }[];
  lang: 'zh' | 'en';
}

export function EntryEditor(props: EditorProps) {
  const { kind } = props;
  return (
    <>
      <Basics {...props} />
      {kind === 'matter' && <Conditions {...props} />}
      {kind === 'matter' && <LimitsAndFees {...props} />}
      {kind === 'matter' && <Materials {...props} />}
      {JSON_KEYS[kind].map((key) => (
        <JsonEditor key={key} name={key as 'form' | 'procedure' | 'other'} {...props} />
      ))}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="admin-fieldset">
      <legend>
        <h2 className="admin-legend">{title}</h2>
      </legend>
      {children}
    </fieldset>
  );
}

function Text({
  name,
  label,
  hint,
  state,
  onChange,
  errorAt,
  multiline,
}: EditorProps & { name: string; label: string; hint?: string; multiline?: boolean }) {
  const path = `content.${name}`;
  return (
    <LabelledField path={path} label={label} hint={hint} error={errorAt(path)}>
      {(p) =>
        multiline ? (
          <textarea
            {...p}
            className={`admin-lines ${p.className ?? ''}`}
            rows={4}
            value={state.text[name] ?? ''}
            onChange={(e) => onChange((s) => ({ ...s, text: { ...s.text, [name]: e.target.value } }))}
          />
        ) : (
          <input
            {...p}
            type="text"
            lang={name === 'nameEn' ? 'en' : undefined}
            inputMode={NUMBER_KEYS.matter.includes(name) ? 'numeric' : undefined}
            spellCheck={name === 'name' || name === 'nameEn' ? undefined : false}
            value={state.text[name] ?? ''}
            onChange={(e) => onChange((s) => ({ ...s, text: { ...s.text, [name]: e.target.value } }))}
          />
        )
      }
    </LabelledField>
  );
}

function Select({
  name,
  label,
  options,
  state,
  onChange,
  errorAt,
  unset,
}: EditorProps & { name: string; label: string; options: readonly { value: string; label: string }[]; unset: string }) {
  const path = `content.${name}`;
  const value = state.text[name] ?? '';
  const known = options.some((o) => o.value === value);
  return (
    <LabelledField path={path} label={label} error={errorAt(path)}>
      {(p) => (
        <select
          {...p}
          value={value}
          onChange={(e) => onChange((s) => ({ ...s, text: { ...s.text, [name]: e.target.value } }))}
        >
          <option value="">{unset}</option>
          {!known && value && <option value={value}>{value}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

/** A group of checkboxes with one legend; the first box carries the group's field id, so a summary link lands in it. */
function Checks({
  path,
  legend,
  options,
  checked,
  onToggle,
  error,
}: {
  path: string;
  legend: string;
  options: readonly { value: string; label: string; id?: string }[];
  checked: (v: string) => boolean;
  onToggle: (v: string, on: boolean) => void;
  error?: string;
}) {
  const id = fieldId(path);
  return (
    <fieldset
      className={error ? 'admin-fieldset field--error' : 'admin-fieldset'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
      {options.map((o, i) => {
        const boxId = o.id ?? (i === 0 ? id : `${id}-${o.value}`);
        return (
          <div className="choice" key={o.value}>
            <input
              type="checkbox"
              id={boxId}
              checked={checked(o.value)}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onToggle(o.value, e.target.checked)}
            />
            <label htmlFor={boxId}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

const toggle = (list: string[], value: string, on: boolean) =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

function Basics(props: EditorProps) {
  const t = useT(messages);
  const { kind, state, onChange, errorAt, departments, lang } = props;
  return (
    <Section title={t('basics')}>
      <div className="grid grid--2">
        <Text {...props} name="name" label={t('name')} />
        <Text {...props} name="nameEn" label={t('nameEn')} />
        {kind === 'matter' && (
          <Select
            {...props}
            name="type"
            label={t('type')}
            unset={t('choose')}
            options={MATTER_TYPES.map((v) => ({ value: v, label: v }))}
          />
        )}
        <Select
          {...props}
          name="department"
          label={t('department')}
          unset={t('choose')}
          options={departments.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
        />
        {kind === 'matter' && <Text {...props} name="basicCode" label={t('basicCode')} hint={t('basicCodeHint')} />}
        {kind === 'matter' && (
          <Text
            {...props}
            name="implementationCode"
            label={t('implementationCode')}
            hint={t('implementationCodeHint')}
          />
        )}
        {kind === 'matter' && (
          <Select
            {...props}
            name="regionLevel"
            label={t('regionLevel')}
            unset={t('choose')}
            options={REGION_LEVELS.map((v) => ({ value: v, label: REGION_LEVEL_NAMES[v]![lang] }))}
          />
        )}
        <Text {...props} name="regionCode" label={t('regionCode')} hint={t('regionCodeHint')} />
        {kind === 'matter' && (
          <Text {...props} name="yieldsLicenceType" label={t('yieldsLicenceType')} hint={t('yieldsLicenceTypeHint')} />
        )}
        {kind === 'matter' && (
          <Select
            {...props}
            name="appointment"
            label={t('appointment')}
            unset={t('appointmentUnset')}
            options={(['none', 'optional', 'required'] as const).map((v) => ({ value: v, label: t(v) }))}
          />
        )}
      </div>
      {kind === 'bundle' && <Text {...props} name="description" label={t('description')} multiline />}
      <Checks
        path="content.audience"
        legend={t('audience')}
        options={(['citizen', 'enterprise'] as const).map((v) => ({ value: v, label: t(v) }))}
        checked={(v) => state.audience.includes(v)}
        onToggle={(v, on) => onChange((s) => ({ ...s, audience: toggle(s.audience, v, on) }))}
        error={errorAt('content.audience')}
      />
      {kind === 'matter' && (
        <>
          <Checks
            path="content.channels"
            legend={t('channels')}
            options={CHANNELS.map((v) => ({ value: v, label: t(v as Key) }))}
            checked={(v) => state.channels.includes(v)}
            onToggle={(v, on) => onChange((s) => ({ ...s, channels: toggle(s.channels, v, on) }))}
            error={errorAt('content.channels')}
          />
          <Checks
            path="content.flags.immediate"
            legend={t('flags')}
            options={(['immediate', 'commitmentAllowed', 'fullyOnline'] as const).map((v) => ({
              value: v,
              label: t(v),
              id: fieldId(`content.flags.${v}`),
            }))}
            checked={(v) => state.flags[v as keyof EntryFormState['flags']]}
            onToggle={(v, on) => onChange((s) => ({ ...s, flags: { ...s.flags, [v]: on } }))}
            error={
              [
                errorAt('content.flags.immediate'),
                errorAt('content.flags.commitmentAllowed'),
                errorAt('content.flags.fullyOnline'),
              ]
                .filter(Boolean)
                .join('；') || undefined
            }
          />
        </>
      )}
      <div className="grid grid--2">
        <Text {...props} name="themes" label={t('themes')} multiline />
        <Text {...props} name="synonyms" label={t('synonyms')} multiline />
      </div>
    </Section>
  );
}

function Conditions(props: EditorProps) {
  const t = useT(messages);
  return (
    <Section title={t('conditionsTitle')}>
      <Text {...props} name="acceptanceConditions" label={t('acceptanceConditions')} multiline />
      <Text {...props} name="legalBasis" label={t('legalBasis')} hint={t('legalBasisHint')} multiline />
    </Section>
  );
}

function LimitsAndFees(props: EditorProps) {
  const t = useT(messages);
  const { state, onChange, errorAt } = props;
  const setFee = (i: number, change: Partial<FeeRow>) =>
    onChange((s) => ({ ...s, fees: s.fees.map((f, j) => (j === i ? { ...f, ...change } : f)) }));
  const chargedId = fieldId('content.fees.charged');
  const chargedError = errorAt('content.fees.charged');
  return (
    <Section title={t('limitsTitle')}>
      <div className="grid grid--2">
        <Text {...props} name="legalLimitDays" label={t('legalLimitDays')} />
        <Text {...props} name="promisedLimitDays" label={t('promisedLimitDays')} />
      </div>
      <div className={chargedError ? 'field field--error' : 'field'}>
        {chargedError && (
          <span className="field-error" id={`${chargedId}-error`}>
            {chargedError}
          </span>
        )}
        <div className="choice">
          <input
            type="checkbox"
            id={chargedId}
            checked={state.charged}
            aria-describedby={chargedError ? `${chargedId}-error` : undefined}
            aria-invalid={chargedError ? true : undefined}
            onChange={(e) =>
              onChange((s) => ({
                ...s,
                charged: e.target.checked,
                fees: e.target.checked && s.fees.length === 0 ? [emptyFee()] : s.fees,
              }))
            }
          />
          <label htmlFor={chargedId}>{t('charged')}</label>
        </div>
      </div>
      {state.charged && (
        <>
          {state.fees.map((fee, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is its path (`fees.items.i`); its inputs read state
            <fieldset className="admin-fieldset" key={i}>
              <legend>{t('feeItem', { n: i + 1 })}</legend>
              <div className="admin-row">
                {(['name', 'amountYuan', 'basis'] as const).map((f) => {
                  const path = `content.fees.items.${i}.${f}`;
                  return (
                    <LabelledField key={f} path={path} label={t(f === 'name' ? 'feeName' : f)} error={errorAt(path)}>
                      {(p) => (
                        <input
                          {...p}
                          type="text"
                          inputMode={f === 'amountYuan' ? 'decimal' : undefined}
                          value={fee[f]}
                          onChange={(e) => setFee(i, { [f]: e.target.value })}
                        />
                      )}
                    </LabelledField>
                  );
                })}
              </div>
              {(fee.rest.when !== undefined || fee.rest.perUnit !== undefined) && (
                <p className="hint">{t('feeConditional')}</p>
              )}
              <button
                type="button"
                className="link-button"
                onClick={() => onChange((s) => ({ ...s, fees: s.fees.filter((_, j) => j !== i) }))}
              >
                {t('removeFee', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onChange((s) => ({ ...s, fees: [...s.fees, emptyFee()] }))}
          >
            {t('addFee')}
          </button>
        </>
      )}
    </Section>
  );
}

function Materials(props: EditorProps) {
  const t = useT(messages);
  const { state, onChange, errorAt } = props;
  const set = (i: number, change: Partial<MaterialRow>) =>
    onChange((s) => ({ ...s, materials: s.materials.map((m, j) => (j === i ? { ...m, ...change } : m)) }));
  const listError = errorAt('content.materials');
  const addId = fieldId('content.materials');
  return (
    <Section title={t('materialsTitle')}>
      {listError && (
        <p className="field-error" id={`${addId}-error`}>
          {listError}
        </p>
      )}
      {state.materials.length === 0 && <p>{t('noMaterials')}</p>}
      {state.materials.map((m, i) => {
        const path = (f: string) => `content.materials.${i}.${f}`;
        const text = (f: 'code' | 'name' | 'replaceableBy' | 'maxSizeMb' | 'maxCount' | 'description', label: Key) => (
          <LabelledField path={path(f)} label={t(label)} error={errorAt(path(f))}>
            {(p) => (
              <input
                {...p}
                type="text"
                inputMode={f === 'maxSizeMb' || f === 'maxCount' ? 'numeric' : undefined}
                spellCheck={f === 'name' || f === 'description' ? undefined : false}
                value={m[f]}
                onChange={(e) => set(i, { [f]: e.target.value })}
              />
            )}
          </LabelledField>
        );
        const box = (f: 'required' | 'tolerable', label: Key) => {
          const id = fieldId(path(f));
          const error = errorAt(path(f));
          return (
            <div className={error ? 'field field--error' : 'field'}>
              {error && (
                <span className="field-error" id={`${id}-error`}>
                  {error}
                </span>
              )}
              <div className="choice">
                <input
                  type="checkbox"
                  id={id}
                  checked={m[f]}
                  aria-describedby={error ? `${id}-error` : undefined}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => set(i, { [f]: e.target.checked })}
                />
                <label htmlFor={id}>{t(label)}</label>
              </div>
            </div>
          );
        };
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row is its path (`materials.i`); its inputs read state
          <fieldset className="admin-fieldset" key={i}>
            <legend>{t('material', { n: i + 1, name: m.name || m.code })}</legend>
            <div className="admin-row">
              {text('code', 'materialCode')}
              {text('name', 'materialName')}
              {text('maxSizeMb', 'maxSizeMb')}
              {text('maxCount', 'maxCount')}
            </div>
            <div className="admin-row">
              {box('required', 'materialRequired')}
              {box('tolerable', 'tolerable')}
              {text('replaceableBy', 'replaceableBy')}
              <LabelledField path={path('form')} label={t('materialForm')} error={errorAt(path('form'))}>
                {(p) => (
                  <select {...p} value={m.form} onChange={(e) => set(i, { form: e.target.value })}>
                    {(['electronic', 'copy', 'original'] as const).map((v) => (
                      <option key={v} value={v}>
                        {t(v)}
                      </option>
                    ))}
                  </select>
                )}
              </LabelledField>
            </div>
            <Checks
              path={path('fileTypes')}
              legend={t('fileTypes')}
              options={FILE_TYPES.map((v) => ({ value: v, label: v.toUpperCase() }))}
              checked={(v) => m.fileTypes.includes(v)}
              onToggle={(v, on) => set(i, { fileTypes: toggle(m.fileTypes, v, on) })}
              error={errorAt(path('fileTypes'))}
            />
            {text('description', 'materialDescription')}
            <button
              type="button"
              className="link-button"
              onClick={() => onChange((s) => ({ ...s, materials: s.materials.filter((_, j) => j !== i) }))}
            >
              {t('removeMaterial', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        id={addId}
        className="button button--secondary"
        aria-describedby={listError ? `${addId}-error` : undefined}
        onClick={() => onChange((s) => ({ ...s, materials: [...s.materials, emptyMaterial()] }))}
      >
        {t('addMaterial')}
      </button>
    </Section>
  );
}

function JsonEditor({ name, state, onChange, errorAt }: EditorProps & { name: 'form' | 'procedure' | 'other' }) {
  const t = useT(messages);
  const path = `content.${name}`;
  return (
    <div className="admin-fieldset">
      <LabelledField
        path={path}
        label={<strong className="admin-legend">{t(`${name}Title` as Key)}</strong>}
        hint={t(`${name}Hint` as Key)}
        error={errorAt(path)}
      >
        {(p) => (
          <textarea
            {...p}
            className={`admin-json ${p.className ?? ''}`}
            rows={name === 'form' ? 16 : 8}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            value={state.json[name] ?? ''}
            onChange={(e) => onChange((s) => ({ ...s, json: { ...s.json, [name]: e.target.value } }))}
          />
        )}
      </LabelledField>
    </div>
  );
}
