import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Item, Picker, TextField } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ColumnSuggestion } from '../../../shared/contract/index.js';
import type { ColumnTransform, MappingSpec } from '../../../shared/domain/mapping-spec.js';
import { issueText } from '../../i18n/issue-text.js';
import { chainFor, chainSteps, choiceOf, transformChoices, withColumn, type ShownChoice } from './mapping-edit.js';
import { nameNotesByColumn } from './name-notes.js';
import type { ColumnDetection } from '../../../shared/privacy/column-guard.js';
import { hashesValues } from '../../../shared/privacy/column-guard.js';
import { sha256Hex } from '../../../shared/domain/sha256-hex.js';
import { detectDateFormat } from '../../../shared/domain/date-formats.js';
import { DateFormatField } from './date-format-field.js';
import { ValueMapEditor } from './value-map-editor.js';
import { personalFate, withPersonalChoice, type PersonalFate } from './personal-data.js';

/** One row per column (the identifier excepted): send it or not, under which name, with which value change. */
export function ParamTable({
  mapping,
  suggestions,
  example,
  samples = [],
  headers,
  personal,
  onChange,
  noteFor,
}: {
  readonly mapping: MappingSpec;
  readonly suggestions: readonly ColumnSuggestion[];
  readonly example: readonly string[] | null;
  /** The first rows of the file: the date format of a column is found in them. */
  readonly samples?: readonly (readonly string[])[];
  readonly headers: readonly string[];
  /** Columns the personal-data guard found: not sent until the user chooses, with the reason shown. */
  readonly personal: readonly ColumnDetection[];
  readonly onChange: (mapping: MappingSpec) => void;
  /** Extra words under a sent column's name (the attribute catalog's mark). */
  readonly noteFor?: (column: string) => ReactNode;
}) {
  const { t } = useTranslation();
  // A chain the picker did not make (a template's) stays one pick away after another choice replaces it.
  const templateChains = useRef(new Map<string, readonly ColumnTransform[]>()).current;
  const chainText = (chain: readonly ColumnTransform[]) => chainSteps(chain).map((step) => t(`map.steps.${step.key}`, step)).join(t('map.stepThen'));
  const ignored = new Set(mapping.ignored);
  const nameNotes = nameNotesByColumn(mapping);
  return (
    <table className="param-table" data-testid="param-table">
      <thead>
        <tr>
          <th scope="col">{t('map.column')}</th>
          <th scope="col">{t('map.send')}</th>
          <th scope="col">{t('map.param')}</th>
          <th scope="col">{t('map.match')}</th>
          <th scope="col">{t('map.transform')}</th>
          <th scope="col">{t('map.example')}</th>
        </tr>
      </thead>
      <tbody>
        {mapping.columns.map((c, row) => {
          const detection = personal.find((d) => d.column === c.column);
          const fate: PersonalFate | null = detection ? personalFate(detection, mapping, c.transforms) : null;
          const sent = fate === null ? !ignored.has(c.column) : fate === 'by-choice' || fate === 'hashed';
          const noteId = `personal-note-${row}`;
          const value = index0(headers, c.column, example);
          const s = suggestions.find((x) => x.column === c.column);
          const edited = s !== undefined && s.param !== c.param;
          const index = headers.indexOf(c.column);
          const shown = choiceOf(c.transforms);
          if (shown === 'template') templateChains.set(c.column, c.transforms);
          const templateChain = templateChains.get(c.column);
          const columnSamples = index >= 0 ? samples.map((r) => r[index] ?? '') : [];
          const pick = (choice: ShownChoice) => chainFor(choice, templateChain, choice === 'date' ? (detectDateFormat(columnSamples).format ?? undefined) : undefined);
          const valueMap = shown === 'valueMap' && c.transforms[0]?.kind === 'valueMap' ? c.transforms[0] : null;
          const choices: readonly ShownChoice[] = templateChain ? ['template', ...transformChoices] : transformChoices;
          // Why the name differs from the header (while it is the suggestion), and what may go wrong with it.
          const why = sent && s && !edited && s.param !== c.column.trim() && s.reason !== 'same' ? t(`map.why.${s.reason}`, { column: c.column, param: c.param }) : null;
          const notes = (nameNotes.get(c.column) ?? []).map((issue) => ({ code: issue.code, text: issueText(t, { ...issue, column: null }) }));
          const notesId = `param-notes-${headers.indexOf(c.column)}`;
          return (
            <tr key={c.column} data-column={c.column} data-personal={fate ?? undefined} className={sent ? undefined : 'param-row--ignored'}>
              <th scope="row">
                <span className="param-column-name">{c.column}</span>
                {detection && fate && (
                  <p id={noteId} className={`personal-note personal-note--${fate}`} data-testid="personal-note">
                    {fate === 'never'
                      ? t('map.personal.never')
                      : t(fate === 'not-sent' ? 'map.personal.notSent' : fate === 'by-choice' ? 'map.personal.sentByChoice' : 'map.personal.sentHashed', {
                          kind: t(`map.personal.kinds.${detection.kind}`),
                          evidence: t(`map.personal.evidence.${detection.evidence}`),
                        })}
                  </p>
                )}
              </th>
              <td>
                {detection ? (
                  <Checkbox
                    isSelected={sent}
                    isDisabled={fate === 'never' || fate === 'hashed'}
                    onChange={(v) => onChange(withPersonalChoice(mapping, c.column, v))}
                    aria-label={t('map.personal.sendAnywayLabel', { column: c.column })}
                    aria-describedby={noteId}
                    data-testid={`send-anyway-${c.column}`}
                  >
                    {t('map.personal.sendAnyway')}
                  </Checkbox>
                ) : (
                  <Checkbox isSelected={sent} onChange={(v) => onChange(withColumn(mapping, c.column, { send: v }))} aria-label={t('map.sendLabel', { column: c.column })} />
                )}
              </td>
              <td>
                <TextField
                  aria-label={t('map.paramLabel', { column: c.column })}
                  aria-describedby={why !== null || notes.length > 0 ? notesId : undefined}
                  value={c.param}
                  isDisabled={!sent}
                  onChange={(v) => onChange(withColumn(mapping, c.column, { param: v }))}
                  width="size-3000"
                  data-testid={`param-${c.column}`}
                />
                {(why !== null || notes.length > 0) && (
                  <div id={notesId} className="param-notes" data-testid={`param-notes-${c.column}`}>
                    {why !== null && (
                      <p className="param-why" data-reason={s?.reason}>
                        {why}
                      </p>
                    )}
                    {notes.map((n) => (
                      <p key={n.code} className="param-warning" data-code={n.code}>
                        {n.text}
                      </p>
                    ))}
                  </div>
                )}
                {sent && noteFor?.(c.column)}
              </td>
              <td>
                {!sent ? (
                  <span className="muted">{t('map.ignored')}</span>
                ) : s && !edited ? (
                  <span className={s.confidence >= 0.9 ? 'confidence confidence--high' : s.confidence >= 0.7 ? 'confidence' : 'confidence confidence--low'}>
                    {t('map.matchLabel', { percent: Math.round(s.confidence * 100) })} · {t(`map.reasons.${s.reason}`)}
                  </span>
                ) : null}
              </td>
              <td>
                <Picker
                  aria-label={t('map.transformLabel', { column: c.column })}
                  selectedKey={shown}
                  isDisabled={fate === null ? !sent : fate === 'never'}
                  onSelectionChange={(key: Key | null) => key !== null && key !== shown && onChange(withColumn(mapping, c.column, { transforms: pick(key as ShownChoice) }))}
                  width="size-2400"
                >
                  {choices.map((choice) => (
                    <Item key={choice}>{choice === 'template' && templateChain ? t('map.transforms.template', { steps: chainText(templateChain) }) : t(`map.transforms.${choice}`)}</Item>
                  ))}
                </Picker>
                {sent && shown === 'date' && (
                  <DateFormatField column={c.column} transforms={c.transforms} samples={columnSamples} onChange={(transforms) => onChange(withColumn(mapping, c.column, { transforms }))} />
                )}
                {sent && valueMap !== null && <ValueMapEditor column={c.column} step={valueMap} onChange={(step) => onChange(withColumn(mapping, c.column, { transforms: [step] }))} />}
                {hashesValues(c.transforms) && value.trim() !== '' && (
                  <p className="hint hash-shown" data-testid={`hash-shown-${c.column}`}>
                    {t('map.personal.hashShown', { before: value, after: `${sha256Hex(value.trim().toLowerCase()).slice(0, 16)}…` })}
                  </p>
                )}
              </td>
              <td className="example">{index >= 0 ? value : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The first row's value of `column` ('' when the column or the row is missing). */
function index0(headers: readonly string[], column: string, example: readonly string[] | null): string {
  const i = headers.indexOf(column);
  return i >= 0 ? (example?.[i] ?? '') : '';
}
