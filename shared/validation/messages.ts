import { ISSUE_SEVERITY, type Issue, type IssueCode, type LocalizedText, type Severity } from './issue.js';

/** Details a message may quote: a value, a character, another row or column, a number. */
export interface IssueDetail {
  readonly value?: string;
  readonly char?: string;
  readonly otherRow?: number;
  readonly other?: string;
  readonly count?: number;
  readonly text?: string;
}

type Texts = (d: IssueDetail) => LocalizedText;

const q = (s: string | undefined): string => {
  const v = s ?? '';
  return `\`${v.length > 40 ? `${v.slice(0, 40)}…` : v}\``;
};
const n = (x: number | undefined): string => (x ?? 0).toLocaleString('en-US');

const TEXTS: Record<IssueCode, Texts> = {
  'id-column-missing': (d) => ({ en: `the identifier column ${q(d.value)} is not in the file`, ko: `식별자 열 ${q(d.value)}이(가) 파일에 없습니다` }),
  'mapped-column-missing': (d) => ({ en: `the mapped column ${q(d.value)} is not in the file`, ko: `매핑된 열 ${q(d.value)}이(가) 파일에 없습니다` }),
  'no-params': () => ({ en: 'no column is mapped to a profile parameter, so there is nothing to send', ko: '프로필 매개변수에 매핑된 열이 없어 보낼 데이터가 없습니다' }),
  'param-name-empty': () => ({ en: 'the parameter name is empty', ko: '매개변수 이름이 비어 있습니다' }),
  'param-name-reserved': (d) => ({ en: `${q(d.value)} is reserved for the identifier and cannot be a parameter name`, ko: `${q(d.value)}은(는) 식별자용 이름이라 매개변수 이름으로 쓸 수 없습니다` }),
  'param-name-prefixed': (d) => ({ en: `write the parameter name bare: ${q(d.value)} instead of ${q(d.other)}`, ko: `매개변수 이름은 접두어 없이 쓰세요: ${q(d.other)} 대신 ${q(d.value)}` }),
  'param-name-delimiter': (d) => ({ en: `the parameter name ${q(d.value)} holds a comma or a line break, which would break the batch file`, ko: `매개변수 이름 ${q(d.value)}에 쉼표나 줄바꿈이 있어 배치 파일이 깨집니다` }),
  'param-duplicate': (d) => ({ en: `the parameter name ${q(d.value)} is used by more than one column (also ${q(d.other)})`, ko: `매개변수 이름 ${q(d.value)}을(를) 여러 열이 씁니다 (${q(d.other)} 열도)` }),
  'param-case-collision': (d) => ({ en: `${q(d.value)} and ${q(d.other)} differ only in case; Target keeps them as two different parameters`, ko: `${q(d.value)}와(과) ${q(d.other)}은(는) 대소문자만 다릅니다. Target은 두 개의 다른 매개변수로 저장합니다` }),
  'param-name-chars': (d) => ({ en: `the parameter name ${q(d.value)} has characters other than letters, digits, \`_\`, \`-\` and \`.\`; it will be sent URL-encoded`, ko: `매개변수 이름 ${q(d.value)}에 영문자, 숫자, \`_\`, \`-\`, \`.\` 외의 문자가 있어 URL 인코딩되어 전송됩니다` }),
  'param-name-too-long': (d) => ({ en: `the parameter name ${q(d.value)} is longer than 128 characters`, ko: `매개변수 이름 ${q(d.value)}이(가) 128자를 넘습니다` }),
  'pcid-v2-caveat': () => ({ en: 'pcId batches should use the v1 API when your site uses ECID; v2 with pcId is only for Target set-ups without ECID', ko: '사이트가 ECID를 쓰면 pcId 배치는 v1 API로 보내야 합니다. pcId와 v2는 ECID가 없는 Target 환경에서만 쓰세요' }),
  'id-missing': () => ({ en: 'the identifier is empty', ko: '식별자가 비어 있습니다' }),
  'id-forbidden-char': (d) => ({ en: `${q(d.char)} is not allowed in an mbox3rdPartyId`, ko: `mbox3rdPartyId에는 ${q(d.char)}을(를) 쓸 수 없습니다` }),
  'id-too-long': (d) => ({ en: `the identifier is ${n(d.count)} characters long; an mbox3rdPartyId may have at most 256`, ko: `식별자가 ${n(d.count)}자입니다. mbox3rdPartyId는 최대 256자입니다` }),
  'pcid-shape': (d) => ({ en: `${q(d.value)} is not a pcId: only letters, digits, \`.\`, \`_\` and \`-\` can appear in one`, ko: `${q(d.value)}은(는) pcId가 아닙니다. pcId에는 영문자, 숫자, \`.\`, \`_\`, \`-\`만 쓸 수 있습니다` }),
  'pcid-unusual': (d) => ({ en: `${q(d.value)} does not look like a Target pcId (for example \`1514187733806-729395.17_57\`)`, ko: `${q(d.value)}은(는) Target pcId 모양이 아닙니다 (예: \`1514187733806-729395.17_57\`)` }),
  'id-scientific': (d) => ({ en: `${q(d.value)} looks like a number Excel turned into scientific notation; the real identifier is lost`, ko: `${q(d.value)}은(는) Excel이 지수 표기로 바꾼 숫자로 보입니다. 원래 식별자가 손실되었습니다` }),
  'id-precision-lost': (d) => ({ en: `${q(d.value)} ends in zeros past the 15th digit, as Excel does when it rounds long numbers`, ko: `${q(d.value)}은(는) 15번째 자리 뒤가 0입니다. Excel이 긴 숫자를 반올림한 것으로 보입니다` }),
  'id-decimal-suffix': (d) => ({ en: `${q(d.value)} ends in \`.0\`, as when a spreadsheet stored the identifier as a number`, ko: `${q(d.value)}이(가) \`.0\`으로 끝납니다. 스프레드시트가 식별자를 숫자로 저장한 것으로 보입니다` }),
  'id-leading-zeros-lost': (d) => ({ en: `${q(d.value)} is shorter than the other identifiers (${n(d.count)} digits); leading zeros may have been lost`, ko: `${q(d.value)}이(가) 다른 식별자(${n(d.count)}자리)보다 짧습니다. 앞자리 0이 사라졌을 수 있습니다` }),
  'duplicate-id': (d) => ({ en: `the identifier ${q(d.value)} already appears in row ${n(d.otherRow)}`, ko: `식별자 ${q(d.value)}이(가) 이미 ${n(d.otherRow)}행에 있습니다` }),
  'duplicate-id-resolved': (d) => ({ en: `the identifier ${q(d.value)} also appears in row ${n(d.otherRow)}; ${d.text ?? ''}`, ko: `식별자 ${q(d.value)}이(가) ${n(d.otherRow)}행에도 있습니다. ${d.text === 'kept the first row' ? '첫 행을 보냅니다' : d.text === 'kept the last row' ? '마지막 행을 보냅니다' : '비어 있지 않은 값을 합쳐 보냅니다'}` }),
  'value-comma': (d) => ({ en: `${q(d.value)} holds a comma, which Target would read as a new column even when encoded; replace or strip it`, ko: `${q(d.value)}에 쉼표가 있습니다. 인코딩해도 Target이 새 열로 읽으니 바꾸거나 지우세요` }),
  'value-comma-fixed': (d) => ({ en: `a comma in ${q(d.value)} was ${d.text ?? 'replaced'}`, ko: `${q(d.value)}의 쉼표를 ${d.text === 'stripped' ? '지웠습니다' : '바꿨습니다'}` }),
  'value-number-comma': (d) => ({
    en: `${q(d.value)} is a number written with a comma; choose how to read it (${d.text === 'thousands' ? 'the commas separate thousands' : d.text === 'decimal' ? 'the comma is the decimal point' : 'decimal comma or thousands separator'}) before it is sent`,
    ko: `${q(d.value)}은(는) 쉼표가 들어간 숫자입니다. 보내기 전에 읽는 방법(${d.text === 'thousands' ? '쉼표는 천 단위 구분' : d.text === 'decimal' ? '쉼표는 소수점' : '소수점 쉼표 또는 천 단위 구분'})을 고르세요`,
  }),
  'value-number-converted': (d) => ({ en: `${q(d.value)} is sent as ${q(d.other)}`, ko: `${q(d.value)}을(를) ${q(d.other)}(으)로 보냅니다` }),
  'value-line-break': (d) => ({ en: `${q(d.value)} holds a line break, which Target would read as a new row even when encoded; replace or strip it`, ko: `${q(d.value)}에 줄바꿈이 있습니다. 인코딩해도 Target이 새 행으로 읽으니 바꾸거나 지우세요` }),
  'value-line-break-fixed': (d) => ({ en: `a line break in ${q(d.value)} was ${d.text ?? 'replaced'}`, ko: `${q(d.value)}의 줄바꿈을 ${d.text === 'stripped' ? '지웠습니다' : '바꿨습니다'}` }),
  'value-control-char': (d) => ({ en: `${q(d.value)} holds an invisible control character; it will be sent URL-encoded`, ko: `${q(d.value)}에 보이지 않는 제어 문자가 있습니다. URL 인코딩되어 전송됩니다` }),
  'value-invalid-unicode': () => ({ en: 'the value holds a broken Unicode character that cannot be URL-encoded', ko: '값에 URL 인코딩할 수 없는 깨진 유니코드 문자가 있습니다' }),
  'value-replacement-char': (d) => ({ en: `${q(d.value)} holds \`�\`: the file's text encoding may be wrong`, ko: `${q(d.value)}에 \`�\`가 있습니다. 파일의 문자 인코딩이 잘못되었을 수 있습니다` }),
  'value-transform-failed': (d) => ({ en: `${q(d.value)} could not be converted (${d.text ?? 'transform'}); it is sent unchanged`, ko: `${q(d.value)}을(를) 변환하지 못해 (${d.text ?? 'transform'}) 그대로 보냅니다` }),
  'row-too-large': (d) => ({ en: `the row is ${n(d.count)} bytes once encoded; Target keeps at most 64 KB per profile`, ko: `이 행은 인코딩 후 ${n(d.count)}바이트입니다. Target은 프로필당 최대 64KB를 저장합니다` }),
  'row-nothing-to-send': () => ({ en: 'every mapped value is empty, so the row would change nothing and is left out', ko: '매핑된 값이 모두 비어 있어 바뀌는 것이 없으므로 이 행은 제외됩니다' }),
  'reader-unclosed-quote': () => ({ en: 'a quote opened here is never closed, so the rest of the file was read into this row', ko: '여기서 열린 따옴표가 닫히지 않아 파일의 나머지가 이 행으로 읽혔습니다' }),
  'reader-malformed-quotes': () => ({ en: 'a quote stands where CSV does not allow one; check the cells of this row', ko: 'CSV에서 허용되지 않는 위치에 따옴표가 있습니다. 이 행의 칸을 확인하세요' }),
  'reader-extra-cells': () => ({ en: 'the row has more cells than the header; the extra cells are not sent', ko: '이 행에는 머리글보다 칸이 많습니다. 남는 칸은 보내지 않습니다' }),
  'reader-missing-cells': () => ({ en: 'the row has fewer cells than the header; the missing cells are treated as empty', ko: '이 행에는 머리글보다 칸이 적습니다. 없는 칸은 빈 값으로 처리합니다' }),
  'reader-nul-stripped': () => ({ en: 'NUL characters were removed from the row', ko: '이 행에서 NUL 문자를 제거했습니다' }),
  'reader-mixed-line-endings': () => ({ en: 'the file mixes line-end styles (CRLF, LF, CR); all were read as line ends', ko: '파일에 여러 줄바꿈 방식(CRLF, LF, CR)이 섞여 있습니다. 모두 줄바꿈으로 읽었습니다' }),
  'reader-decoding-errors': (d) => ({ en: `some bytes are not valid in the file's text encoding${d.value ? ` (${d.value})` : ''} and were replaced by \`�\`; choose another encoding if text looks wrong`, ko: `일부 바이트가 파일의 문자 인코딩${d.value ? ` (${d.value})` : ''}에 맞지 않아 \`�\`로 바뀌었습니다. 글자가 깨져 보이면 다른 인코딩을 고르세요` }),
  'header-duplicate': (d) => ({ en: `the header ${q(d.value)} appears more than once; only the first column of that name can be mapped`, ko: `머리글 ${q(d.value)}이(가) 여러 번 나옵니다. 이 이름의 첫 번째 열만 매핑할 수 있습니다` }),
  'header-empty': (d) => ({ en: `column ${n(d.count)} has no header, so it is not sent`, ko: `${n(d.count)}번째 열에 머리글이 없어 보내지 않습니다` }),
};

function where(row: number | null, column: string | null): LocalizedText {
  if (row !== null && column !== null) return { en: `Row ${n(row)}, column \`${column}\`: `, ko: `${n(row)}행, \`${column}\` 열: ` };
  if (row !== null) return { en: `Row ${n(row)}: `, ko: `${n(row)}행: ` };
  if (column !== null) return { en: `Column \`${column}\`: `, ko: `\`${column}\` 열: ` };
  return { en: '', ko: '' };
}

const SEVERITY: ReadonlyMap<IssueCode, Severity> = new Map(Object.entries(ISSUE_SEVERITY) as [IssueCode, Severity][]);

/**
 * An issue whose message is composed on first read: the worker meets millions of issues on a large
 * file and keeps only some, so composing every message up front would dominate the run.
 */
class LazyIssue implements Issue {
  readonly severity: Severity;
  private text: LocalizedText | null = null;
  constructor(
    readonly code: IssueCode,
    readonly row: number | null,
    readonly column: string | null,
    /** What the message quotes (the value, the other row…); read by the column findings collector. */
    readonly detail: IssueDetail,
  ) {
    this.severity = SEVERITY.get(code) ?? 'blocking';
  }
  get message(): LocalizedText {
    return (this.text ??= compose(this.code, this.row, this.column, this.detail));
  }
  toJSON(): Issue {
    return plainIssue(this);
  }
}

function compose(code: IssueCode, row: number | null, column: string | null, detail: IssueDetail): LocalizedText {
  const w = where(row, column);
  const t = TEXTS[code](detail);
  const cap = (s: string): string => (w.en === '' ? s.charAt(0).toUpperCase() + s.slice(1) : s);
  return { en: w.en + cap(t.en), ko: w.ko + t.ko };
}

/** Builds an issue with its fixed severity and a message in English and Korean that names the row and column. */
export function makeIssue(code: IssueCode, row: number | null, column: string | null, detail: IssueDetail = {}): Issue {
  return new LazyIssue(code, row, column, detail);
}

/** The details an issue was made with (undefined for one already made plain). */
export function issueDetail(issue: Issue): IssueDetail | undefined {
  return issue instanceof LazyIssue ? issue.detail : undefined;
}

/** Returns the issue as a plain object (message composed), safe to post to another thread or serialise. */
export function plainIssue(issue: Issue): Issue {
  return { code: issue.code, severity: issue.severity, row: issue.row, column: issue.column, message: issue.message };
}
