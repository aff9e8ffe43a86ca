import { counted } from './plural.js';
import { describe, expect, it } from 'vitest';
import { errorCodes, reason } from '../../shared/contract/errors.js';
import { sampleParams } from '../../shared/contract/testing/sample-params.js';
import { ISSUE_PARAMS, makeIssue, type Issue, type IssueCode } from '../../shared/validation/issue.js';
import { describeError, errorWords } from './error-words.js';
import { describeIssue, issueWords } from './issue-words.js';
import { describeRowNote, resultCsvWordsEn } from './outcome-words.js';
import { fillWords } from './fill-words.js';

const UNFILLED = /undefined|\[object|NaN|\{\{/;

describe("the CLI's English words", () => {
  it('say every sentence of every registry code with every param filled in', () => {
    const internal = describeError(reason('internal'));
    for (const [code, shape] of Object.entries(errorCodes)) {
      expect(Object.hasOwn(errorWords, code), `words for ${code}`).toBe(true);
      for (const params of sampleParams(shape)) {
        const text = describeError({ code, params });
        expect(text, `${code} ${JSON.stringify(params)}`).not.toMatch(UNFILLED);
        if (code !== 'internal') expect(text, `${code} has words of its own`).not.toBe(internal);
      }
    }
  });

  it('say every sentence of every issue code, naming its row and column', () => {
    for (const [code, shape] of Object.entries(ISSUE_PARAMS)) {
      expect(Object.hasOwn(issueWords, code), `words for ${code}`).toBe(true);
      for (const params of sampleParams(shape)) {
        const issue = { code: code as IssueCode, severity: 'warning', row: 7, column: 'tier', params } as Issue;
        const text = describeIssue(issue);
        expect(text, `${code} ${JSON.stringify(params)}`).not.toMatch(UNFILLED);
        expect(text).toMatch(/^Row 7, column `tier`: /);
      }
    }
  });

  it('keep the sentences scripts and docs quote', () => {
    expect(describeIssue(makeIssue('id-forbidden-char', 1204, 'id', { char: '+' }))).toBe('Row 1,204, column `id`: `+` is not allowed in an mbox3rdPartyId');
    expect(describeIssue(makeIssue('value-comma-fixed', 3, '등급', { value: 'VIP, 우수', variant: 'replaced' }))).toBe('Row 3, column `등급`: a comma in `VIP, 우수` was replaced');
    expect(describeIssue(makeIssue('header-empty', null, null, { value: '', count: 3 }))).toBe('Column 3 has no header, so it is not sent');
    expect(describeError(reason('mapping-column-missing', { columns: ['ID'], headers: ['id', 'a'] }))).toBe('The file has no column named "ID". Its columns are: "id", "a".');
  });

  it('name network problems by their errno code or the network library\'s words, as scripts and logs expect', () => {
    expect(describeError(reason('network', { variant: 'submit', detail: 'ECONNREFUSED' }))).toBe('Could not reach Target: ECONNREFUSED');
    expect(describeError(reason('network', { variant: 'status', detail: 'socket hang up' }))).toBe('Could not read the batch status: socket hang up');
  });

  it('say what a problem happened because of after it', () => {
    const gaveUp = { ...reason('server-error', { status: 500 }), because: reason('gave-up', { attempts: 3 }) };
    expect(describeError(gaveUp)).toBe('Target had a server error (HTTP 500). Gave up after 3 attempts.');
  });

  it('read a journal record written before codes carried params as it was recorded, and an unknown code as its message', () => {
    expect(describeError({ code: 'server-error', message: 'Target had a server error (HTTP 502).' })).toBe('Target had a server error (HTTP 502).');
    expect(describeError({ code: 'legacy-note', message: 'crash' })).toBe('crash');
    expect(describeError({ code: 'no-such-code' })).toBe(describeError(reason('internal')));
  });

  it("say every row note of the result CSV", () => {
    const counters = { consumedCount: 10, successfulUpdates: 7, profilesNotFound: 3, failedUpdates: 0 };
    expect(describeRowNote({ code: 'v1-mixed', counters, rows: 10 })).toBe('In this batch Target counted 7 updated, 3 not found and 0 failed of 10; v1 does not say which rows.');
    expect(describeRowNote({ code: 'batch-note', note: reason('target-rejected', { said: 'Unexpected error' }) })).toBe('Target refused the batch: Unexpected error');
    expect(describeRowNote(null)).toBe('');
    expect(describeRowNote({ code: 'excluded-blocked', reasons: 'Column `id`: the identifier is empty' })).toBe('Left out by you; the checks had blocked it: Column `id`: the identifier is empty');
    expect(describeRowNote({ code: 'v2-uncounted', counters: { ...counters, successfulUpdates: 1200 }, rows: 1500 })).toBe('Target counted 1,200 of 1,500 rows as updated and 0 as failed without naming every row.');
  });

  it("fill every template of the result CSV's words", () => {
    const params = { message: 'm', updated: 1, notFound: 2, failed: 3, rows: 4, reasons: 'r', details: 'd', name: 'n', sent: 's', found: 'f' };
    for (const [key, template] of Object.entries(resultCsvWordsEn.reason)) expect(fillWords(template, params, 'en-US'), key).not.toMatch(UNFILLED);
    expect(fillWords('{{rows, number}} rows, {{missing}}', { rows: 1234567 }, 'ko-KR')).toBe('1,234,567 rows, ');
  });
});

describe('counted', () => {
  it('says one in the singular and every other number in the plural', () => {
    expect(counted(1, 'row', 'rows')).toBe('1 row');
    expect(counted(0, 'row', 'rows')).toBe('0 rows');
    expect(counted(3, 'day', 'days')).toBe('3 days');
  });
});
