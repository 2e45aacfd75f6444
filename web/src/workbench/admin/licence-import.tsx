import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
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
    fileUnreadable: '文件无法按 CSV 读取，请检查引号和逗号（{reason}）。',
    fileEncoding: '文件不是 UTF-8 编码。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后重新选择。',
    submit: '开始导入',
    running: '正在导入…',
    progressLabel: '导入进度',
    progress: '已处理 {done} / {total} 行，请勿关闭页面。',
    stopped:
      '导入在处理了 {done} / {total} 行后中断，之后的行可能尚未导入。重新导入同一文件是安全的：已登记的行不会重复登记。',
    partialTitle: '已处理部分的结果',
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
    pTooLong: '{field}：太长，最多 {max} 个字',
    pText: '{field}：应为文字',
    pDate: '{field}：应为 YYYY-MM-DD 格式的日期',
    pNumberFormat: '{field}：应为 4 至 64 位字母、数字或连字符',
    pHolderType: '{field}：应为 enterprise 或 citizen',
    pObject: '{field}：应为一组字段（JSON 对象）',
    pTextOrNumber: '{field}：应为文字或数字',
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
    fileUnreadable: 'The file cannot be read as CSV: check its quotes and commas ({reason}).',
    fileEncoding: 'The file is not UTF-8. In Excel, “Save As” “CSV UTF-8 (Comma delimited)” and choose it again.',
    submit: 'Import',
    running: 'Importing…',
    progressLabel: 'Import progress',
    progress: '{done} of {total} rows processed; keep this page open.',
    stopped:
      'The import stopped after {done} of {total} rows; the rows after them may not be imported yet. Importing the same file again is safe: rows already registered are not registered twice.',
    partialTitle: 'Results of the rows processed',
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
    pTooLong: '{field}: at most {max} characters',
    pText: '{field}: text',
    pDate: '{field}: a date YYYY-MM-DD',
    pNumberFormat: '{field}: 4 to 64 letters, digits or -',
    pHolderType: '{field}: enterprise or citizen',
    pObject: '{field}: an object of fields',
    pTextOrNumber: '{field}: text or a number',
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

/**
 * Rows per request. The page sends a file in parts: each request stays a few seconds long (far from API Gateway's
 * 30 s), and the progress bar moves with them. The API is idempotent per row, so a part sent again changes nothing.
 */
const ROWS_PER_REQUEST = 100;
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const PART_BYTES = 1024 * 1024;
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

/** A file that is not UTF-8 (Excel's plain "CSV" is GBK on a Chinese Windows) is refused: its names would be garbled. */
class NotUtf8Error extends Error {}

/** The file's rows, read here as the API reads them (the CSV parser loads with the first file). */
async function readRows(file: File, format: ImportFormat): Promise<ImportFileRow[]> {
  const { importFileRows } = await import('@shared/domain/licences/import-rows');
  let text: string;
  try {
    // The decoder drops a byte-order mark, which would otherwise fail a JSON Lines file's first line.
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new NotUtf8Error();
  }
  return importFileRows(format, text);
}

/** The readable rows in parts of at most ROWS_PER_REQUEST rows and PART_BYTES bytes (the API takes 6 MB a request). */
function partsOf(rows: readonly ImportFileRow[]): { rows: ImportFileRow[]; data: string }[] {
  const parts: { rows: ImportFileRow[]; data: string }[] = [];
  let current: { rows: ImportFileRow[]; lines: string[]; bytes: number } = { rows: [], lines: [], bytes: 0 };
  const flush = () => {
    if (current.rows.length) parts.push({ rows: current.rows, data: current.lines.join('\n') });
    current = { rows: [], lines: [], bytes: 0 };
  };
  const encoder = new TextEncoder();
  for (const row of rows) {
    const line = JSON.stringify(row.value);
    const bytes = encoder.encode(line).length + 1;
    if (current.rows.length >= ROWS_PER_REQUEST || (current.rows.length > 0 && current.bytes + bytes > PART_BYTES))
      flush();
    current.rows.push(row);
    current.lines.push(line);
    current.bytes += bytes;
  }
  flush();
  return parts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Worth another try: the network, the server, throttling. A 4xx other than 429 would answer the same again. */
const transient = (error: ApiError) => error.network || error.status >= 500 || error.status === 429;
/** Waits before the second and third attempt of a part; every row is idempotent, so a part may go twice. */
const RETRY_DELAYS_MS = [1000, 3000];

function ImportForm() {
  const t = useT(messages);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<Report>();
  const [stopped, setStopped] = useState<{ error: ApiError; done: number; total: number }>();
  const stoppedBox = useRef<HTMLDivElement>(null);
  // Leaving the page ends the import after the part in flight: no requests go on unseen.
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  // Closing the tab or reloading while parts are still to go asks first.
  useEffect(() => {
    if (!running) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [running]);
  useEffect(() => {
    if (stopped) stoppedBox.current?.focus();
  }, [stopped]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    setReport(undefined);
    setStopped(undefined);
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
    setRunning(true);
    try {
      let rows: ImportFileRow[];
      try {
        rows = await readRows(file, format);
      } catch (error) {
        setFileError(
          error instanceof NotUtf8Error ? t('fileEncoding') : t('fileUnreadable', { reason: (error as Error).message }),
        );
        return;
      }
      if (rows.length === 0) {
        setFileError(t('fileEmpty'));
        return;
      }
      const result: Report = {
        imported: 0,
        already: 0,
        failed: rows.filter((r) => r.problem).map((r) => ({ row: r.row, problems: [r.problem!] })),
      };
      let done = result.failed.length;
      setProgress({ done, total: rows.length });
      const finish = () => setReport({ ...result, failed: [...result.failed].sort((a, b) => a.row - b.row) });
      for (const part of partsOf(rows.filter((r) => !r.problem))) {
        if (!mounted.current) return;
        let answer: Awaited<ReturnType<typeof sendPart>> | undefined;
        for (let attempt = 0; !answer; attempt++) {
          try {
            answer = await sendPart(part.data);
          } catch (error) {
            const failed = asApiError(error);
            if (!transient(failed) || attempt >= RETRY_DELAYS_MS.length || !mounted.current) {
              finish();
              setStopped({ error: failed, done, total: rows.length });
              return;
            }
            await sleep(RETRY_DELAYS_MS[attempt]!);
          }
        }
        // The API numbers the part's lines from 1: back to the file's own rows.
        const fileRow = (partRow: number) => part.rows[partRow - 1]?.row ?? partRow;
        result.imported += answer.imported;
        result.already += answer.alreadyImported.length;
        result.failed.push(...answer.failed.map((f) => ({ row: fileRow(f.row), problems: f.problems })));
        done += part.rows.length;
        setProgress({ done, total: rows.length });
      }
      finish();
    } finally {
      setRunning(false);
    }
  };

  const errors = useMemo(() => (fileError ? [{ path: FILE_FIELD, message: fileError }] : []), [fileError]);
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
          <button type="submit" className="button" aria-disabled={running || undefined}>
            {running ? t('running') : t('submit')}
          </button>
        </div>
        {running && progress && (
          <ProgressBar value={(progress.done / progress.total) * 100} label={t('progressLabel')} />
        )}
        {/* Always there, so that screen readers announce what is put in it. */}
        <p role="status" className={running && progress ? undefined : 'visually-hidden'}>
          {running && progress ? t('progress', progress) : ''}
        </p>
        {stopped && (
          <div className="notice notice--error" role="alert" tabIndex={-1} ref={stoppedBox}>
            <p>{t('stopped', { done: stopped.done, total: stopped.total })}</p>
            <CommandError error={stopped.error} />
          </div>
        )}
      </form>
      {report && <ImportReport report={report} partial={stopped !== undefined} />}
    </>
  );
}

const sendPart = (data: string) => unwrap(api().POST('/admin/licences/import', { body: { format: 'jsonl', data } }));

function ImportReport({ report, partial }: { report: Report; partial: boolean }) {
  const t = useT(messages);
  const problem = useProblemText();
  const summary = t('summary', { imported: report.imported, already: report.already, failed: report.failed.length });
  return (
    <>
      {partial ? (
        <section className="notice" aria-labelledby="import-partial">
          <h2 id="import-partial">{t('partialTitle')}</h2>
          <p>{summary}</p>
        </section>
      ) : (
        <CommandOutcome id="import-done" title={t('doneTitle')} className="import-report">
          <p>{summary}</p>
          {report.failed.length === 0 && <p>{t('noneFailed')}</p>}
        </CommandOutcome>
      )}
      {/* After the outcome, not in its live region: a long table is read when one goes to it, not announced. */}
      {report.failed.length > 0 && (
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
    </>
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
export function useProblemText(): (problem: string) => string {
  const t = useT(messages);
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
    const field = label
      ? `${t(label)}${column.includes('.') ? ` ${column.slice(column.indexOf('.') + 1)}` : ''}`
      : column;
    if (/received undefined|Too small/.test(original)) return t('pRequired', { field });
    const longest = /^Too big: .*<=(\d+)/.exec(original);
    if (longest) return t('pTooLong', { field, max: longest[1]! });
    if (/expected string, received/.test(original)) return t('pText', { field });
    if (/expected (record|object), received/.test(original)) return t('pObject', { field });
    // A content field's value is text or a number (a yes/no, a list or an object is not).
    if (column.startsWith('content.') && original === 'Invalid input') return t('pTextOrNumber', { field });
    if (original === 'a date YYYY-MM-DD') return t('pDate', { field });
    if (original === '4 to 64 letters, digits or -') return t('pNumberFormat', { field });
    if (column === 'holderType' && /Invalid option/.test(original)) return t('pHolderType', { field });
    return t('pOther', { field, original });
  };
}
