import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton, Checkbox, Flex, Radio, RadioGroup, TextField } from '@adobe/react-spectrum';
import { pairsOf, repeatedPairs, stepOf, withoutPair, withPair, type ValueMapStep, type ValuePair } from './value-map-edit.js';

/** The editor of a “Replace listed values…” step: value → replacement lines, case option, and what happens to other values. */
export function ValueMapEditor({ column, step, onChange }: { readonly column: string; readonly step: ValueMapStep; readonly onChange: (step: ValueMapStep) => void }) {
  const { t } = useTranslation();
  // Lines live here so an empty or repeated line being typed is not lost; the mapping gets only complete ones.
  const [pairs, setPairs] = useState<ValuePair[]>(() => pairsOf(step));
  // A step changed from outside (a template undone) replaces the lines; one the lines made leaves them be.
  const [seen, setSeen] = useState(step);
  if (seen !== step) {
    setSeen(step);
    if (JSON.stringify(stepOf(pairs, step)) !== JSON.stringify(step)) setPairs(pairsOf(step));
  }
  const repeats = repeatedPairs(pairs, step.ignoreCase);
  const headingId = `value-map-heading-${column}`;
  const change = (next: ValuePair[], options: Pick<ValueMapStep, 'ignoreCase' | 'otherwise'> = step) => {
    setPairs(next);
    onChange(stepOf(next, options));
  };
  return (
    <section className="value-map" aria-labelledby={headingId} data-testid={`value-map-${column}`}>
      <h4 id={headingId} className="value-map-heading">
        {t('map.valueMap.heading', { column })}
      </h4>
      <table className="value-map-table">
        <thead>
          <tr>
            <th scope="col">{t('map.valueMap.from')}</th>
            <th scope="col">{t('map.valueMap.to')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('map.valueMap.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p, i) => (
            <tr key={i} data-repeated={repeats.has(i) || undefined}>
              <td>
                <TextField
                  aria-label={t('map.valueMap.fromLabel', { line: i + 1 })}
                  value={p.from}
                  onChange={(v) => change(withPair(pairs, i, { from: v }))}
                  validationState={repeats.has(i) ? 'invalid' : undefined}
                  errorMessage={repeats.has(i) ? t('map.valueMap.repeated') : undefined}
                  width="size-2000"
                  data-testid={`value-map-from-${i}`}
                />
              </td>
              <td>
                <TextField aria-label={t('map.valueMap.toLabel', { line: i + 1 })} value={p.to} onChange={(v) => change(withPair(pairs, i, { to: v }))} width="size-2000" data-testid={`value-map-to-${i}`} />
              </td>
              <td>
                <ActionButton aria-label={t('map.valueMap.removeLabel', { line: i + 1 })} onPress={() => change(withoutPair(pairs, i))} data-testid={`value-map-remove-${i}`}>
                  {t('map.valueMap.remove')}
                </ActionButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Flex direction="column" gap="size-100" marginTop="size-100">
        <ActionButton alignSelf="start" onPress={() => setPairs([...pairs, { from: '', to: '' }])} data-testid="value-map-add">
          {t('map.valueMap.add')}
        </ActionButton>
        <Checkbox isSelected={step.ignoreCase} onChange={(v) => change(pairs, { ignoreCase: v, otherwise: step.otherwise })} data-testid="value-map-ignore-case">
          {t('map.valueMap.ignoreCase')}
        </Checkbox>
        <RadioGroup
          label={t('map.valueMap.otherwise')}
          value={step.otherwise}
          onChange={(v) => change(pairs, { ignoreCase: step.ignoreCase, otherwise: v === 'empty' ? 'empty' : v === 'fail' ? 'fail' : 'keep' })}
          data-testid="value-map-otherwise"
        >
          <Radio value="keep">{t('map.valueMap.otherwiseKeep')}</Radio>
          <Radio value="empty">{t('map.valueMap.otherwiseEmpty')}</Radio>
          <Radio value="fail">{t('map.valueMap.otherwiseFail')}</Radio>
        </RadioGroup>
      </Flex>
    </section>
  );
}
