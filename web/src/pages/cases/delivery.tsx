import { useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { CommandError, ErrorSummary, fieldId, useDetailMessage } from '../../components/common';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import type { Delivery } from './use-case';

const messages = defineMessages(
  {
    title: '结果送达',
    lead: '办理结果出证前，您可以选择到窗口领取或邮寄送达，出证后不能再更改。',
    method: '送达方式',
    window: '窗口领取',
    windowHint: '持身份证件到办事大厅窗口领取。',
    post: '邮寄送达',
    postHint: '免费邮寄到您填写的地址。',
    address: '收件地址',
    recipient: '收件人',
    phone: '手机号码',
    phoneHint: '11 位大陆手机号码，快递员联系用。',
    regionCode: '区县行政区划代码',
    regionHint: '6 位数字，例如福州市鼓楼区为 350102。',
    street: '详细地址',
    streetHint: '街道、门牌号、楼栋和房号。',
    postcode: '邮政编码',
    addressLine: '{street}（{region}，邮编 {postcode}）',
    save: '保存送达方式',
    saving: '正在保存…',
    saved: '送达方式已保存。',
    status: '送达状态',
    chosenAt: '选择时间',
    dueDate: '送达期限',
    courier: '快递公司',
    trackingNo: '运单号',
    dispatchedAt: '寄出/备妥时间',
    deliveredAt: '送达时间',
    receivedBy: '签收人',
    tracking: '物流跟踪',
    NOT_CHOSEN: '未选择（默认窗口领取）',
    CHOSEN: '已选择，待出证',
    READY_FOR_PICKUP: '已备妥，可到窗口领取',
    SHIPPED: '已寄出',
    IN_TRANSIT: '运输中',
    DELIVERED: '已送达',
    RETURNED: '邮件被退回',
    PICKED_UP: '快递已揽收',
  },
  {
    title: 'Delivery of the result',
    lead: 'Until the result is issued you may choose to collect it at a service window or have it posted; after that the choice is final.',
    method: 'How to receive the result',
    window: 'Collect at a service window',
    windowHint: 'Bring your ID to the service hall’s window.',
    post: 'By post',
    postHint: 'Posted free of charge to the address you give.',
    address: 'Postal address',
    recipient: 'Recipient',
    phone: 'Mobile number',
    phoneHint: 'A mainland mobile number (11 digits), for the courier.',
    regionCode: 'District code',
    regionHint: '6 digits, e.g. 350102 for Gulou District, Fuzhou.',
    street: 'Street address',
    streetHint: 'Street, number, building and flat.',
    postcode: 'Postcode',
    addressLine: '{street} (district {region}, postcode {postcode})',
    save: 'Save the delivery choice',
    saving: 'Saving…',
    saved: 'Your delivery choice was saved.',
    status: 'Delivery status',
    chosenAt: 'Chosen',
    dueDate: 'Delivery due',
    courier: 'Courier',
    trackingNo: 'Tracking number',
    dispatchedAt: 'Dispatched',
    deliveredAt: 'Delivered',
    receivedBy: 'Received by',
    tracking: 'Tracking',
    NOT_CHOSEN: 'Not chosen (window pickup by default)',
    CHOSEN: 'Chosen; waiting for the result',
    READY_FOR_PICKUP: 'Ready for pickup at the window',
    SHIPPED: 'Shipped',
    IN_TRANSIT: 'In transit',
    DELIVERED: 'Delivered',
    RETURNED: 'Returned to sender',
    PICKED_UP: 'Picked up by the courier',
  },
);

type Address = NonNullable<Delivery['address']>;
const ADDRESS_FIELDS = ['recipient', 'phone', 'regionCode', 'street', 'postcode'] as const;
const HINTS: Partial<Record<keyof Address, 'phoneHint' | 'regionHint' | 'streetHint'>> = {
  phone: 'phoneHint',
  regionCode: 'regionHint',
  street: 'streetHint',
};
const EMPTY: Address = { recipient: '', phone: '', regionCode: '', street: '', postcode: '' };

/** The API names fields `address.phone` (the domain's check) or `body.address.phone` (the shape check): one key. */
const pathOf = (path: string) => path.replace(/^body\./, '');

/** 统一出件: choose window pickup or post (the server checks the address and names each bad field), then follow it. */
export function DeliverySection({
  caseId,
  delivery,
  owner,
  onSaved,
}: {
  caseId: string;
  delivery: Delivery;
  owner: boolean;
  onSaved(): Promise<void>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const editable = owner && delivery.changeable;
  return (
    <section aria-labelledby="delivery-title" className="case-section">
      <h2 id="delivery-title">{t('title')}</h2>
      {editable && <p>{t('lead')}</p>}
      <dl className="summary">
        {!editable && (
          <div>
            <dt>{t('method')}</dt>
            <dd>{t(delivery.method)}</dd>
          </div>
        )}
        <div>
          <dt>{t('status')}</dt>
          <dd>{t(delivery.status)}</dd>
        </div>
        {delivery.address && (
          <div>
            <dt>{t('address')}</dt>
            <dd>
              {delivery.address.recipient} {delivery.address.phone}
              <br />
              {t('addressLine', {
                street: delivery.address.street,
                region: delivery.address.regionCode,
                postcode: delivery.address.postcode,
              })}
            </dd>
          </div>
        )}
        {delivery.dueDate && (
          <div>
            <dt>{t('dueDate')}</dt>
            <dd>{format.date(delivery.dueDate)}</dd>
          </div>
        )}
        {delivery.courier && (
          <div>
            <dt>{t('courier')}</dt>
            <dd>{delivery.courier}</dd>
          </div>
        )}
        {delivery.trackingNo && (
          <div>
            <dt>{t('trackingNo')}</dt>
            <dd>{delivery.trackingNo}</dd>
          </div>
        )}
        {delivery.dispatchedAt && (
          <div>
            <dt>{t('dispatchedAt')}</dt>
            <dd>{format.dateTime(delivery.dispatchedAt)}</dd>
          </div>
        )}
        {delivery.deliveredAt && (
          <div>
            <dt>{t('deliveredAt')}</dt>
            <dd>{format.dateTime(delivery.deliveredAt)}</dd>
          </div>
        )}
        {delivery.receivedBy && (
          <div>
            <dt>{t('receivedBy')}</dt>
            <dd>{delivery.receivedBy}</dd>
          </div>
        )}
      </dl>
      {delivery.tracking.length > 0 && (
        <>
          <h3>{t('tracking')}</h3>
          <ol className="timeline">
            {delivery.tracking.map((step) => (
              <li key={`${step.status}:${step.at}`}>
                {t(step.status)} · <time dateTime={step.at}>{format.dateTime(step.at)}</time>
              </li>
            ))}
          </ol>
        </>
      )}
      {editable && <DeliveryForm caseId={caseId} delivery={delivery} onSaved={onSaved} />}
    </section>
  );
}

function DeliveryForm({ caseId, delivery, onSaved }: { caseId: string; delivery: Delivery; onSaved(): Promise<void> }) {
  const t = useT(messages);
  const detail = useDetailMessage();
  const [method, setMethod] = useState<'window' | 'post'>(delivery.method);
  const [address, setAddress] = useState<Address>(delivery.address ?? EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);

  const fieldErrors = new Map<string, string>();
  for (const d of error?.details ?? [])
    if (!fieldErrors.has(pathOf(d.path))) fieldErrors.set(pathOf(d.path), detail(d));
  const summary = [...fieldErrors].map(([path, message]) => ({
    path: path === 'method' ? 'delivery.method' : path,
    message,
  }));
  const unplaced = error && (error.network || error.status >= 500 || fieldErrors.size === 0);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const body = method === 'post' ? { method, address } : { method };
      await unwrap(api().PUT('/applications/{id}/delivery', { params: { path: { id: caseId } }, body }));
      setSaved(true);
      await onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  const methodError = fieldErrors.get('method');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <ErrorSummary errors={summary} />
      <fieldset
        className={methodError ? 'field field--error' : 'field'}
        aria-describedby={methodError ? 'delivery-method-error' : undefined}
      >
        <legend>{t('method')}</legend>
        {methodError && (
          <span className="field-error" id="delivery-method-error">
            {methodError}
          </span>
        )}
        {(['window', 'post'] as const).map((m) => {
          const id = m === 'window' ? fieldId('delivery.method') : `delivery-method-${m}`;
          return (
            <div key={m}>
              <div className="choice">
                <input
                  type="radio"
                  name="delivery-method"
                  id={id}
                  value={m}
                  checked={method === m}
                  onChange={() => setMethod(m)}
                  aria-describedby={`delivery-${m}-hint`}
                />
                <label htmlFor={id}>{t(m)}</label>
              </div>
              <span className="hint choice__hint" id={`delivery-${m}-hint`}>
                {t(m === 'window' ? 'windowHint' : 'postHint')}
              </span>
            </div>
          );
        })}
      </fieldset>
      {method === 'post' && (
        <fieldset className="group">
          <legend>{t('address')}</legend>
          {ADDRESS_FIELDS.map((name) => {
            const path = `address.${name}`;
            const id = fieldId(path);
            const problem = fieldErrors.get(path);
            const hint = HINTS[name];
            const describedBy =
              [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
            return (
              <div key={name} className={problem ? 'field field--error' : 'field'}>
                <label htmlFor={id}>{t(name)}</label>
                {hint && (
                  <span className="hint" id={`${id}-hint`}>
                    {t(hint)}
                  </span>
                )}
                {problem && (
                  <span className="field-error" id={`${id}-error`}>
                    {problem}
                  </span>
                )}
                <input
                  id={id}
                  type={name === 'phone' ? 'tel' : 'text'}
                  inputMode={name === 'phone' || name === 'regionCode' || name === 'postcode' ? 'numeric' : undefined}
                  autoComplete={
                    name === 'recipient'
                      ? 'name'
                      : name === 'phone'
                        ? 'tel'
                        : name === 'street'
                          ? 'street-address'
                          : name === 'postcode'
                            ? 'postal-code'
                            : 'off'
                  }
                  value={address[name]}
                  onChange={(e) => setAddress({ ...address, [name]: e.target.value })}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={describedBy}
                  className={problem ? 'input--error' : undefined}
                />
              </div>
            );
          })}
        </fieldset>
      )}
      {unplaced && <CommandError error={error} />}
      {saved && (
        <p className="notice notice--success" role="status">
          {t('saved')}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('saving') : t('save')}
      </button>
    </form>
  );
}
