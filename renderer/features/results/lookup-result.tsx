import { useTranslation } from 'react-i18next';
import type { ProfileLookup } from '../../../shared/contract/index.js';
import { formatWhen } from '../upload/format.js';

/** One attribute as the table shows it: Target's value and time (null: not in Target) beside the value last sent (null: not sent). */
export interface AttributeLine {
  readonly name: string;
  readonly target: { readonly value: string; readonly modifiedAt: string } | null;
  readonly sent: string | null;
  /** True when a non-empty value was sent and Target holds something else (or nothing). */
  readonly differs: boolean;
}

/** Every attribute Target holds or this app last sent for the id, by name, each marked when the sent value is not what Target holds. */
export function attributeLines(result: ProfileLookup): AttributeLine[] {
  const target = new Map((result.profile?.attributes ?? []).map((a) => [a.name, a]));
  const sent = result.lastSent?.values ?? {};
  const names = [...new Set([...target.keys(), ...Object.keys(sent)])].sort((a, b) => a.localeCompare(b));
  return names.map((name) => {
    const held = target.get(name) ?? null;
    const value = Object.hasOwn(sent, name) ? (sent[name] as string) : null;
    return { name, target: held, sent: value, differs: value !== null && value !== '' && held?.value !== value };
  });
}

/**
 * What a profile lookup found: Target's profile (or its 404 in plain words) and, side by side per
 * attribute, Target's value with when it changed and the value this app last sent (job, time, file),
 * the differing ones marked in words, not by colour alone.
 */
export function LookupResult({ result, idTypeName }: { readonly result: ProfileLookup; readonly idTypeName: string }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => formatWhen(iso, i18n.language);
  const lines = attributeLines(result);
  const file = result.lastSent ? (result.lastSent.file.split(/[\\/]/).pop() ?? result.lastSent.file) : '';
  return (
    <div data-testid="lookup-result" data-state={result.profile ? 'found' : 'not-found'}>
      {result.profile ? (
        <p data-testid="lookup-found">{t('lookup.found', { idType: idTypeName, id: result.id, when: when(result.profile.modifiedAt) })}</p>
      ) : (
        <p className="note" data-testid="lookup-not-found">
          {t('lookup.notFound', { idType: idTypeName, id: result.id })}
        </p>
      )}
      <p data-testid="lookup-last-sent">
        {result.lastSent ? t('lookup.lastSent', { when: when(result.lastSent.sentAt), file, jobId: result.lastSent.jobId }) : t('lookup.neverSent')}
      </p>
      {lines.length > 0 && (
        <div className="table-scroll" role="region" tabIndex={0} aria-label={t('lookup.caption')}>
          <table className="plain-table">
            <caption className="visually-hidden">{t('lookup.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lookup.nameCol')}</th>
                <th scope="col">{t('lookup.targetCol')}</th>
                <th scope="col">{t('lookup.modifiedCol')}</th>
                <th scope="col">{t('lookup.sentCol')}</th>
                <th scope="col">{t('lookup.matchCol')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.name} data-testid="lookup-attribute" data-name={line.name} data-differs={line.differs ? 'true' : 'false'} className={line.differs ? 'lookup-differs' : undefined}>
                  <th scope="row">{line.name}</th>
                  <td>{line.target ? line.target.value : <span className="muted">{t('lookup.notInTarget')}</span>}</td>
                  <td>{line.target ? when(line.target.modifiedAt || null) : t('lookup.none')}</td>
                  <td>{line.sent !== null && line.sent !== '' ? line.sent : <span className="muted">{t('lookup.notSent')}</span>}</td>
                  <td>{line.sent === null || line.sent === '' ? t('lookup.none') : line.differs ? <strong>{t('lookup.differs')}</strong> : t('lookup.same')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
