import { describe, expect, it } from 'vitest';
import { findCardNumber, luhnValid } from './card-number.js';
import { findEmail, findIpAddress, isIpv6 } from './email-ip.js';
import { headerKind } from './header-words.js';
import { findPhone } from './phone.js';
import { findRrn, rrnChecksumValid } from './rrn.js';
import { maskValue, scanValue } from './scan-value.js';

/** Appends the check digit to 12 RRN digits (the pre-2020 rule), to build valid numbers from real-looking parts. */
function withCheckDigit(first12: string): string {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...first12].reduce((n, d, i) => n + Number(d) * w[i]!, 0);
  return first12 + String((11 - (sum % 11)) % 10);
}

describe('resident registration numbers', () => {
  const valid = withCheckDigit('900101123456');
  const wrongCheck = valid.slice(0, 12) + String((Number(valid[12]) + 1) % 10);

  it('checks the check digit', () => {
    expect(rrnChecksumValid(valid)).toBe(true);
    expect(rrnChecksumValid(wrongCheck)).toBe(false);
    expect(rrnChecksumValid('12345')).toBe(false);
  });

  it('finds 13 bare digits only with a valid check digit and a real date', () => {
    expect(findRrn(valid)).toBe(valid);
    expect(findRrn(wrongCheck)).toBeNull();
    expect(findRrn(withCheckDigit('901301123456'))).toBeNull(); // month 13
    expect(findRrn(withCheckDigit('900101923456'))).toBeNull(); // century digit 9
  });

  it('finds the hyphenated form with a real date whatever its last digit (numbers since 2020 have none)', () => {
    expect(findRrn(`${valid.slice(0, 6)}-${valid.slice(6)}`)).toBe(`${valid.slice(0, 6)}-${valid.slice(6)}`);
    expect(findRrn(`주민번호 ${wrongCheck.slice(0, 6)}-${wrongCheck.slice(6)} 확인`)).not.toBeNull();
    expect(findRrn('900231-1234567')).toBeNull(); // 31 February
    expect(findRrn('ORD-900101-12345678')).toBeNull(); // too many digits
  });

  it('does not take a Korean product barcode (EAN-13, 880…) for a 1988 birth date', () => {
    // Valid barcodes of 1988-01-xx shape whose last digit also fits the RRN rule (about one in ten).
    const ean = (body: string): string => body + String((10 - ([...body].reduce((n, d, i) => n + Number(d) * (i % 2 === 0 ? 1 : 3), 0) % 10)) % 10);
    const both = Array.from({ length: 5000 }, (_, i) => ean(`8801${String(i * 7919).padStart(8, '0')}`)).filter((v) => rrnChecksumValid(v));
    expect(both.length).toBeGreaterThan(0);
    for (const v of both) expect(findRrn(v)).toBeNull();
  });
});

describe('card numbers', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('finds Luhn-valid numbers with a network prefix, together or grouped, in text too', () => {
    expect(findCardNumber('4111111111111111')).toBe('4111111111111111');
    expect(findCardNumber('5555 5555 5555 4444')).toBe('5555 5555 5555 4444');
    expect(findCardNumber('paid with 3782-822463-10005 today')).toBe('3782-822463-10005');
    expect(findCardNumber('9410 1234 5678 9015')).toBeNull(); // Korean 9-series prefix, wrong check digit
  });

  it('does not take order numbers, Luhn-valid or not, for cards', () => {
    expect(findCardNumber('4111111111111112')).toBeNull();
    expect(findCardNumber('1000000000000008')).toBeNull(); // passes Luhn, no network starts with 1
    expect(findCardNumber('2024011500012340')).toBeNull(); // a date-based order number
    expect(findCardNumber('ORD-20240115-000123')).toBeNull();
  });
});

describe('phone numbers', () => {
  it.each(['010-1234-5678', '010 1234 5678', '010.1234.5678', '01012345678', '011-234-5678', '+82 10 1234 5678', '+82-10-1234-5678', '+82 (0)10-1234-5678', '+821012345678', '02-123-4567', '031-123-4567', '070-1234-5678', '090-1234-5678', '03-1234-5678', '+1 415 555 2671', '(415) 555-2671', '연락처: 010-9876-5432'])(
    'finds %s',
    (v) => expect(findPhone(v)).not.toBeNull(),
  );

  it.each(['2024-01-15', '1234567890', 'SKU-1234-5678', '12,345,678', '010-1234-567', '+15%', 'ORD-0101-2345', '2024-01-15 10:30:00', '0.12345678', '1588-1234', '0101234567', '0112345678'])('does not take %s for a phone', (v) => expect(findPhone(v)).toBeNull());
});

describe('e-mail and IP addresses', () => {
  it('finds e-mail addresses, inside free text too', () => {
    expect(findEmail('kim.minji@example.co.kr')).toBe('kim.minji@example.co.kr');
    expect(findEmail('문의: hong+vip@mail.example.com 으로 연락')).toBe('hong+vip@mail.example.com');
    expect(findEmail('@brand on twitter')).toBeNull();
    expect(findEmail('a@b')).toBeNull();
  });

  it('finds IPv4 and IPv6 addresses', () => {
    expect(findIpAddress('192.168.0.1')).toBe('192.168.0.1');
    expect(findIpAddress('login from 10.0.12.255 at 09:00')).toBe('10.0.12.255');
    expect(findIpAddress('2001:db8::8a2e:370:7334')).toBe('2001:db8::8a2e:370:7334');
    expect(isIpv6('2001:0db8:0000:0000:0000:ff00:0042:8329')).toBe(true);
    expect(findIpAddress('256.1.1.1')).toBeNull();
    expect(findIpAddress('2024.01.15')).toBeNull();
    expect(findIpAddress('10:30:45')).toBeNull();
    expect(findIpAddress('00:1A:2B:3C:4D:5E')).toBeNull();
  });
});

describe('scanValue', () => {
  it('names the kind and leaves ordinary marketing values alone', () => {
    expect(scanValue('kim@example.com')?.kind).toBe('email');
    expect(scanValue('010-1234-5678')?.kind).toBe('phone');
    expect(scanValue(withCheckDigit('850315234567'))?.kind).toBe('rrn');
    expect(scanValue('4111 1111 1111 1111')?.kind).toBe('card-number');
    expect(scanValue('172.16.5.4')?.kind).toBe('ip-address');
    for (const v of ['gold', 'CRM-000123', '12345.67', '2024-01-15', 'Seoul', 'SKU-48213-BLK', 'ORD-20240115-000123', '1,234,567', 'true']) expect(scanValue(v)).toBeNull();
  });

  it('masks all but the ends of a value', () => {
    expect(maskValue('010-1234-5678')).toBe('01*-****-**78');
    expect(maskValue('kim@example.com')).toBe('ki*@*******.*om');
  });
});

describe('headerKind', () => {
  it.each([
    ['이름', 'name'], ['성명', 'name'], ['Full Name', 'name'], ['first_name', 'name'], ['氏名', 'name'], ['お名前', 'name'],
    ['이메일', 'email'], ['E-mail Address', 'email'], ['メールアドレス', 'email'],
    ['휴대폰', 'phone'], ['휴대폰번호', 'phone'], ['Mobile', 'phone'], ['phone_number', 'phone'], ['電話番号', 'phone'], ['携帯', 'phone'],
    ['주소', 'address'], ['Street Address', 'address'], ['住所', 'address'],
    ['생년월일', 'birth-date'], ['Date of Birth', 'birth-date'], ['生年月日', 'birth-date'], ['DOB', 'birth-date'],
    ['주민등록번호', 'rrn'], ['주민번호', 'rrn'], ['SSN', 'national-id'], ['マイナンバー', 'national-id'],
    ['Passport No', 'passport'], ['여권번호', 'passport'], ['Card Number', 'card-number'], ['카드번호', 'card-number'], ['IP Address', 'ip-address'],
  ])('%s → %s', (h, kind) => expect(headerKind(h)).toBe(kind));

  it.each(['회원번호', '등급', '포인트', 'productName', 'campaign_name', 'loyaltyTier', 'city', '도시', 'lastPurchaseDate', 'orderNo', 'shippingMethod'])('%s is not personal data', (h) => expect(headerKind(h)).toBeNull());
});
