import type { PersonalDataKind } from './personal-data-kind.js';

// Headers that name directly identifying data, in English, Korean and Japanese (data, not UI words).
// A header is compared with spaces, `_ - . / ( )` removed and letters lower-cased. `exact` words must be
// the whole header ("name", not "productName"); `contains` words may sit anywhere in it. Kinds are tried
// in this order, so "email address" is an e-mail and "IP address" an IP address, not a postal address.
const WORDS: readonly { readonly kind: PersonalDataKind; readonly exact: readonly string[]; readonly contains: readonly string[] }[] = [
  { kind: 'rrn', exact: ['rrn', 'jumin', 'juminno', '주민'], contains: ['주민등록', '주민번호', 'residentregistration', 'residentnumber', 'residentid'] },
  {
    kind: 'national-id',
    exact: ['ssn', 'nationalid', 'nin', 'idnumber', 'mynumber', '신분증번호'],
    contains: ['socialsecurity', 'nationalidentity', 'nationalidnumber', '외국인등록', 'マイナンバー', '個人番号'],
  },
  { kind: 'passport', exact: [], contains: ['passport', '여권', 'パスポート', '旅券'] },
  {
    kind: 'card-number',
    exact: ['pan', 'cc', 'ccno', 'card', '카드'],
    contains: ['cardnumber', 'cardno', 'creditcard', 'debitcard', 'ccnumber', '카드번호', '신용카드', 'カード番号', 'クレジットカード'],
  },
  { kind: 'ip-address', exact: ['ip', 'ipv4', 'ipv6', 'clientip', 'remoteip', 'ip주소', 'ipアドレス'], contains: ['ipaddress', 'ipaddr'] },
  {
    kind: 'email',
    exact: ['mail', '메일', 'メール', 'メアド'],
    contains: ['email', '이메일', '전자우편', '메일주소', 'メールアドレス', 'eメール', '電子メール'],
  },
  {
    kind: 'phone',
    exact: ['tel', 'telno', 'hp', 'cell', 'mobileno', 'phoneno', '연락처', '핸드폰', '휴대폰', '携帯'],
    contains: ['phone', 'mobile', 'telephone', 'cellular', '전화', '휴대폰', '핸드폰', '휴대전화', '電話', '携帯番号', 'ケータイ'],
  },
  { kind: 'birth-date', exact: ['dob', 'birth', 'bday', '생일', '誕生日'], contains: ['birth', '생년월일', '출생', '生年月日', '誕生日'] },
  {
    kind: 'address',
    exact: ['addr', 'street', '주소', '住所', '所在地'],
    contains: ['address', 'streetaddress', 'addr1', 'addr2', 'addressline', '도로명주소', '지번주소', '상세주소', '자택주소', '住所'],
  },
  {
    kind: 'name',
    exact: [
      'name', 'fullname', 'firstname', 'lastname', 'givenname', 'familyname', 'surname', 'middlename', 'customername', 'membername', 'contactname',
      '이름', '성명', '성함', '실명', '고객명', '회원명', '고객이름', '회원이름', '한글이름', '영문이름', '한글성명', '영문성명', '성', '수신자', '수령인',
      '氏名', '名前', 'お名前', '姓', '名', '氏名カナ', 'フリガナ', 'ふりがな', '顧客名', '会員名', 'セイ', 'メイ', 'お客様名',
    ],
    contains: ['fullname', 'firstname', 'lastname', 'surname', '氏名'],
  },
];

const NOISE = /[\s_\-./()[\]]+/g;

/** The header as compared: NFKC, lower-cased, with spaces and `_ - . / ( ) [ ]` removed. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(NOISE, '');
}

/** The kind of personal data a header names, or null when it names none. */
export function headerKind(header: string): PersonalDataKind | null {
  const key = headerKey(header);
  if (key === '') return null;
  for (const w of WORDS) {
    if (w.exact.includes(key)) return w.kind;
    if (w.contains.some((c) => key.includes(c))) return w.kind;
  }
  return null;
}
