import { type FormEvent, useState } from 'react';
import type { ImportFileRow, ImportFormat } from '@shared/domain/licences/import-rows';
import { api, type ApiError, unwrap } from '../../api/client';
import { CommandError, CommandOutcome, ErrorSummary, Loader, Page, ProgressBar } from '../../components/common';
import { LabelledField } from '../../components/labelled-field';
import { useApi } from '../../components/use-api';
import { defineMessages, useLang, useT } from '../../i18n/i18n';
import { asApiError } from '../shared/optional';
import './admin.css';

const messages = defineMessages(
  {
    title: '证照导入',
    intro:
      '存量入库：把纸质时代发放、仍然有效的证照批量登记为电子证照。每一行单独检查；合格的行签名登记，可以公开核验，也可以在办事时免于提交；有问题的行逐行列出原因，改正后重新导入同一文件即可，已导入的行不会重复登记。',
    columnsTitle: '文件的列',
    columnsIntro:
      'CSV 文件（UTF-8，第一行为列名）或 JSON Lines 文件（每行一个 JSON 对象）。证照内容的字段写成 content.字段名 列。',
    column: '列',
    meaning: '含义',
    required: '必填',
    optional: '选填',
    colType: '证照类型代码（见下表）',
    colHolderType: '持证人类型：enterprise（企业）或 citizen（个人）',
    colHolderId: '统一社会信用代码或居民身份证号',
    colHolderName: '持证人名称或姓名',
    colValidFrom: '生效日期，YYYY-MM-DD',
    colValidUntil: '有效期至，YYYY-MM-DD；长期有效则留空',
    colLicenceNo: '纸质证照上的编号；留空则由平台生成',
    template: '下载 CSV 模板',
    typesCaption: '证照类型',
    code: '代码',
    name: '名称',
    holder: '持证人',
    holderEnterprise: '企业',
    holderCitizen: '个人',
    holderAny: '企业或个人',
    fields: '内容字段',
    formTitle: '导入文件',
    file: '选择文件',
    fileHint: '.csv 或 .jsonl 文件，不超过 20 MB。',
    fileRequired: '请选择要导入的文件。',
    fileType: '请选择 .csv 或 .jsonl 文件。',
    fileTooLarge: '文件超过 20 MB，请拆分后分批导入。',
    fileEmpty: '文件中没有数据行。',
    fileUnreadable: '文件无法按 CSV 读取：{reason}',
    submit: '开始导入',
    running: '正在导入…',
    progressLabel: '导入进度',
    progress: '已处理 {done} / {total} 行，请勿关闭页面。',
    stopped:
      '导入在处理了 {done} / {total} 行后中断，其余的行尚未导入。重新导入同一文件是安全的：已登记的行不会重复登记。',
    doneTitle: '导入完成',
    summary: '新登记 {imported} 份证照；{already} 行此前已导入；{failed} 行有问题。',
    failedCaption: '有问题的行（{n} 行）',
    row: '行号',
    problems: '问题',
    noneFailed: '所有行都已登记。',
    pJson: '这一行不是 JSON 对象',
    pIdNumber: '持证人证件号：不是有效的居民身份证号',
    pUscc: '持证人证件号：不是有效的统一社会信用代码',
    pValidity: '有效期至：早于生效日期',
    pType: '证照类型：没有代码为 {code} 的证照类型',
    pContent: '证照内容：{fields} 不是“{type}”的字段',
    pHolderEnterprise: '持证人类型：“{type}”只发给企业',
    pHolderCitizen: '持证人类型：“{type}”只发给个人',
    pNumberTaken: '证照编号：{no} 已登记为另一份证照',
    pNoNumber: '证照编号：无法为这一行生成编号，请在 licenceNo 列填写纸质证照的编号',
    pRequired: '{field}：必填',
    pDate: '{field}：应为 YYYY-MM-DD 格式的日期',
    pNumberFormat: '{field}：应为 4 至 64 位字母、数字或连字符',
    pHolderType: '{field}：应为 enterprise 或 citizen',
    pOther: '{field}：填写有误（{original}）',
    fType: '证照类型',
    fHolderType: '持证人类型',
    fHolderId: '持证人证件号',
    fHolderName: '持证人名称',
    fValidFrom: '生效日期',
    fValidUntil: '有效期至',
    fLicenceNo: '证照编号',
    fContent: '证照内容',
    fRow: '整行',
  },
  {
    title: 'Licence import',
    intro:
      'Bulk loading: licences issued on paper that are still valid become electronic licences. Each row is checked on its own; good rows are signed and registered, verifiable by anyone and usable instead of an upload; bad rows are listed with their problems. Correct them and import the same file again: rows already registered are not registered twice.',
    columnsTitle: 'The file’s columns',
    columnsIntro:
      'A CSV file (UTF-8, column names in the first line) or a JSON Lines file (one JSON object per line). The licence’s content fields are content.<field> columns.',
    column: 'Column',
    meaning: 'Meaning',
    required: 'required',
    optional: 'optional',
    colType: 'The licence type’s code (see the table below)',
    colHolderType: 'The holder: enterprise or citizen',
    colHolderId: 'Unified social credit code or resident ID number',
    colHolderName: 'The holder’s name',
    colValidFrom: 'Valid from, YYYY-MM-DD',
    colValidUntil: 'Valid until, YYYY-MM-DD; empty when it does not expire',
    colLicenceNo: 'The number on the paper licence; empty for one the platform generates',
    template: 'Download a CSV template',
    typesCaption: 'Licence types',
    code: 'Code',
    name: 'Name',
    holder: 'Holder',
    holderEnterprise: 'Enterprises',
    holderCitizen: 'Citizens',
    holderAny: 'Enterprises or citizens',
    fields: 'Content fields',
    formTitle: 'Import a file',
    file: 'Choose a file',
    fileHint: 'A .csv or .jsonl file of at most 20 MB.',
    fileRequired: 'Choose the file to import.',
    fileType: 'Choose a .csv or .jsonl file.',
    fileTooLarge: 'The file is larger than 20 MB: split it and import the parts.',
    fileEmpty: 'The file has no data rows.',
    fileUnreadable: 'The file cannot be read as CSV: {reason}',
    submit: 'Import',
    running: 'Importing…',
    progressLabel: 'Import progress',
    progress: '{done} of {total} rows processed; keep this page open.',
    stopped:
      'The import stopped after {done} of {total} rows; the others are not imported yet. Importing the same file again is safe: rows already registered are not registered twice.',
    doneTitle: 'Import finished',
    summary: 'Licences registered: {imported}; rows imported before: {already}; rows with problems: {failed}.',
    failedCaption: 'Rows with problems ({n})',
    row: 'Row',
    problems: 'Problems',
    noneFailed: 'Every row is registered.',
    pJson: 'not a JSON object',
    pIdNumber: 'holderId: not a valid ID number',
    pUscc: 'holderId: not a valid unified social credit code',
    pValidity: 'validUntil: before validFrom',
    pType: 'type: no licence type {code}',
    pContent: 'content: not fields of {type}: {fields}',
    pHolderEnterprise: 'holderType: {type} is held by enterprises',
    pHolderCitizen: 'holderType: {type} is held by citizens',
    pNumberTaken: 'licenceNo: {no} is registered already',
    pNoNumber: 'licenceNo: no free licence number could be derived for this row; give one in licenceNo',
    pRequired: '{field}: required',
    pDate: '{field}: a date YYYY-MM-DD',
    pNumberFormat: '{field}: 4 to 64 letters, digits or -',
    pHolderType: '{field}: enterprise or citizen',
    pOther: '{field}: {original}',
    fType: 'type',
    fHolderType: 'holderType',
    fHolderId: 'holderId',
    fHolderName: 'holderName',
    fValidFrom: 'validFrom',
    fValidUntil: 'validUntil',
    fLicenceNo: 'licenceNo',
    fContent: 'content',
    fRow: '(row)',
  },
);
type Key = keyof typeof messages.zh;
type T = (key: Key, vars?: Record<string, string | number>) => string;

/**
 * Rows per request. The page sends a file in parts: each request stays a few seconds long (far from API Gateway's
 * 30 s), and the progress bar moves with them. The API is idempotent per row, so a part sent again changes nothing.
 */
const ROWS_PER_REQUEST = 100;
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const FILE_FIELD = 'file';

const COLUMNS = [
  ['type', 'colType', true],
  ['holderType', 'colHolderType', true],
  ['holderId', 'colHolderId', true],
  ['holderName', 'colHolderName', true],
  ['validFrom', 'colValidFrom', true],
  ['validUntil', 'colValidUntil', false],
  ['licenceNo', 'colLicenceNo', false],
] as const;

// With a byte-order mark, so that Excel opens the Chinese example as UTF-8.
const TEMPLATE = `\uFEFF${COLUMNS.map(([c]) => c).join(',')},content.name\nRESIDENT_ID,citizen,11010519491231002X,张三,2021-01-01,2041-01-01,,\n`;
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`;

interface LicenceTypeSummary {
  code: string;
  name: string;
  holder: 'enterprise' | 'citizen' | 'any';
  contentFields: { key: string }[];
}

interface Report {
  imported: number;
  already: number;
  failed: { row: number; problems: string[] }[];
}

export default function LicenceImportPage() {
  const t = useT(messages);
  const types = useApi(
    () => unwrap(api().GET('/licence-types')).then((d) => d.items as unknown as LicenceTypeSummary[]),
    [],
  );
  return (
    <Page title={t('title')} wide>
      <p className="lead">{t('intro')}</p>
      <ImportForm />
      <section aria-labelledby="import-columns">
        <h2 id="import-columns">{t('columnsTitle')}</h2>
        <p>{t('columnsIntro')}</p>
        <div className="table-scroll" role="region" aria-labelledby="import-columns-caption" tabIndex={0}>
          <table>
            <caption id="import-columns-caption" className="visually-hidden">
              {t('columnsTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('column')}</th>
                <th scope="col">{t('meaning')}</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map(([column, meaning, required]) => (
                <tr key={column}>
                  <th scope="row">
                    <code>{column}</code>
                  </th>
                  <td>
                    {t(meaning)}（{t(required ? 'required' : 'optional')}）
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <a href={TEMPLATE_HREF} download="licence-import-template.csv">
            {t('template')}
          </a>
        </p>
        <Loader loaded={types}>
          {(items) => (
            <div className="table-scroll" role="region" aria-labelledby="import-types-caption" tabIndex={0}>
              <table className="admin-wide import-types">
                <caption id="import-types-caption">{t('typesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('code')}</th>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('holder')}</th>
                    <th scope="col">{t('fields')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((type) => (
                    <tr key={type.code}>
                      <th scope="row">
                        <code>{type.code}</code>
                      </th>
                      <td>{type.name}</td>
                      <td>
                        {t(
                          type.holder === 'enterprise'
                            ? 'holderEnterprise'
                            : type.holder === 'citizen'
                              ? 'holderCitizen'
                              : 'holderAny',
                        )}
                      </td>
                      <td>{type.contentFields.map((f) => `content.${f.key}`).join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loader>
      </section>
    </Page>
  );
}

function formatOf(name: string): ImportFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return undefined;
}

/** The file's rows, read here as the API reads them (the CSV parser loads with the first CSV file). */
async function readRows(file: File, format: ImportFormat): Promise<ImportFileRow[]> {
  const { importFileRows } = await import('@shared/domain/licences/import-rows');
  // A JSON Lines file saved with a byte-order mark would fail its first line.
  const text = (await file.text()).replace(/^\uFEFF/, '');
  return importFileRows(format, text);
}

function ImportForm() {
  const t = useT(messages);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<Report>();
  const [failure, setFailure] = useState<{ error: ApiError; done: number; total: number }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setReport(undefined);
    setFailure(undefined);
    const format = file && formatOf(file.name);
    const problem = !file
      ? t('fileRequired')
      : !format
        ? t('fileType')
        : file.size > MAX_FILE_BYTES
          ? t('fileTooLarge')
          : undefined;
    setFileError(problem);
    if (problem || !file || !format) return;
    let rows: ImportFileRow[];
    try {
      rows = await readRows(file, format);
    } catch (error) {
      setFileError(t('fileUnreadable', { reason: (error as Error).message }));
      return;
    }
    if (rows.length === 0) {
      setFileError(t('fileEmpty'));
      return;
    }
    const failed: Report['failed'] = rows.filter((r) => r.problem).map((r) => ({ row: r.row, problems: [r.problem!] }));
    const readable = rows.filter((r) => !r.problem);
    let imported = 0;
    let already = 0;
    let done = failed.length;
    setRunning(true);
    setProgress({ done, total: rows.length });
    try {
      for (let start = 0; start < readable.length; start += ROWS_PER_REQUEST) {
        const part = readable.slice(start, start + ROWS_PER_REQUEST);
        const data = part.map((r) => JSON.stringify(r.value)).join('\n');
        const answer = await unwrap(api().POST('/admin/licences/import', { body: { format: 'jsonl', data } }));
        // The API numbers the part's lines from 1: back to the file's own rows.
        const fileRow = (partRow: number) => part[partRow - 1]?.row ?? partRow;
        imported += answer.imported;
        already += answer.alreadyImported.length;
        failed.push(...answer.failed.map((f) => ({ row: fileRow(f.row), problems: f.problems })));
        done += part.length;
        setProgress({ done, total: rows.length });
      }
      setReport({ imported, already, failed: failed.sort((a, b) => a.row - b.row) });
    } catch (error) {
      setFailure({ error: asApiError(error), done, total: rows.length });
    } finally {
      setRunning(false);
    }
  };

  const errors = fileError ? [{ path: FILE_FIELD, message: fileError }] : [];
  return (
    <>
      <form className="card" onSubmit={submit} noValidate aria-labelledby="import-form-title">
        <h2 id="import-form-title">{t('formTitle')}</h2>
        <ErrorSummary errors={errors} />
        <LabelledField path={FILE_FIELD} label={t('file')} hint={t('fileHint')} error={fileError}>
          {(props) => (
            <input
              {...props}
              type="file"
              accept=".csv,.jsonl,.ndjson,text/csv"
              disabled={running}
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                setFileError(undefined);
              }}
            />
          )}
        </LabelledField>
        <div className="actions">
          <button type="submit" className="button" disabled={running}>
            {running ? t('running') : t('submit')}
          </button>
        </div>
        {running && progress && (
          <div>
            <ProgressBar value={(progress.done / progress.total) * 100} label={t('progressLabel')} />
            <p role="status">{t('progress', progress)}</p>
          </div>
        )}
        {failure && (
          <>
            <p className="notice notice--warning">{t('stopped', { done: failure.done, total: failure.total })}</p>
            <CommandError error={failure.error} />
          </>
        )}
      </form>
      {report && <ImportReport report={report} />}
    </>
  );
}

function ImportReport({ report }: { report: Report }) {
  const t = useT(messages);
  const problem = useProblemText(t);
  return (
    <CommandOutcome id="import-done" title={t('doneTitle')} className="import-report">
      <p>{t('summary', { imported: report.imported, already: report.already, failed: report.failed.length })}</p>
      {report.failed.length === 0 ? (
        <p>{t('noneFailed')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="import-failed-caption" tabIndex={0}>
          <table>
            <caption id="import-failed-caption">{t('failedCaption', { n: report.failed.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('row')}</th>
                <th scope="col">{t('problems')}</th>
              </tr>
            </thead>
            <tbody>
              {report.failed.map((f) => (
                <tr key={f.row}>
                  <th scope="row">{f.row}</th>
                  <td>
                    <ul className="list-plain">
                      {f.problems.map((p) => (
                        <li key={p}>{problem(p)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </CommandOutcome>
  );
}

const FIELD_LABELS: Record<string, Key> = {
  type: 'fType',
  holderType: 'fHolderType',
  holderId: 'fHolderId',
  holderName: 'fHolderName',
  validFrom: 'fValidFrom',
  validUntil: 'fValidUntil',
  licenceNo: 'fLicenceNo',
  content: 'fContent',
  '(row)': 'fRow',
};

/**
 * The API words a row's problems in English, each as `<column>: <rule>`; in Chinese the page says the ones it knows
 * in its own words, and names the column of any other.
 */
function useProblemText(t: T): (problem: string) => string {
  const { lang } = useLang();
  return (problem) => {
    if (lang !== 'zh') return problem;
    if (problem === 'not a JSON object') return t('pJson');
    if (problem === 'holderId: not a valid ID number') return t('pIdNumber');
    if (problem === 'holderId: not a valid 统一社会信用代码') return t('pUscc');
    if (problem === 'validUntil: before validFrom') return t('pValidity');
    let m = /^type: no licence type (.+)$/.exec(problem);
    if (m) return t('pType', { code: m[1]! });
    m = /^content: not fields of (.+?): (.+)$/.exec(problem);
    if (m) return t('pContent', { type: m[1]!, fields: m[2]! });
    m = /^holderType: (.+) is held by (enterprises|citizens)$/.exec(problem);
    if (m) return t(m[2] === 'enterprises' ? 'pHolderEnterprise' : 'pHolderCitizen', { type: m[1]! });
    m = /^licenceNo: (.+) is registered already$/.exec(problem);
    if (m) return t('pNumberTaken', { no: m[1]! });
    if (problem.startsWith('licenceNo: no free licence number')) return t('pNoNumber');
    const [column = '', ...rest] = problem.split(': ');
    const original = rest.join(': ');
    const label = FIELD_LABELS[column.split('.')[0]!];
    const field = label ? t(label) : column;
    if (/received undefined|Too small/.test(original)) return t('pRequired', { field });
    if (original === 'a date YYYY-MM-DD') return t('pDate', { field });
    if (original === '4 to 64 letters, digits or -') return t('pNumberFormat', { field });
    if (column === 'holderType' && /Invalid option/.test(original)) return t('pHolderType', { field });
    return t('pOther', { field, original });
  };
}
