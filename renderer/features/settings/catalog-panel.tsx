import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Item, Picker, ProgressCircle, Text } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ClientApi } from '../../api/index.js';
import { problemText } from '../../i18n/problem-text.js';
import { useCatalog } from '../../state/catalog-store.js';
import { useConnections } from '../../state/connections-store.js';
import { formatWhen } from '../upload/format.js';

/** Settings › Names sent: the attribute names this app has sent to one connection, with where each came from and when. */
export function CatalogPanel({ api }: { readonly api: ClientApi }) {
  const { t, i18n } = useTranslation();
  const connections = useConnections((s) => s.state);
  const selectedId = useConnections((s) => s.selectedId);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = connections.kind === 'ready' ? connections.list.connections : [];
  const connectionId = chosen ?? selectedId ?? list[0]?.id ?? null;
  const connection = list.find((c) => c.id === connectionId);
  const state = useCatalog((s) => (connectionId === null ? undefined : s.byConnection[connectionId]));
  const load = useCatalog((s) => s.load);
  useEffect(() => {
    if (connectionId !== null) void load(api, connectionId);
  }, [api, connectionId, load]);
  const name = connection?.name ?? '';
  return (
    <div data-testid="catalog-panel" data-state={state?.kind ?? 'loading'}>
      <p className="storage-note">{t('catalog.intro')}</p>
      <Picker label={t('catalog.connection')} selectedKey={connectionId} onSelectionChange={(key: Key | null) => key !== null && setChosen(String(key))} data-testid="catalog-connection">
        {list.map((c) => (
          <Item key={c.id}>{c.name}</Item>
        ))}
      </Picker>
      {(state === undefined || state.kind === 'loading') && <ProgressCircle aria-label={t('catalog.loading')} isIndeterminate size="S" />}
      {state?.kind === 'failed' && <div role="alert" className="problem">{t('catalog.problem', { message: problemText(t, state.problem) })}</div>}
      {state?.kind === 'ready' && state.catalog.names.length === 0 && <Text>{t('catalog.empty', { connection: name })}</Text>}
      {state?.kind === 'ready' && state.catalog.names.length > 0 && (
        <>
          <p data-testid="catalog-count">{t('catalog.count', { count: state.catalog.names.length })}</p>
          {/* A long list scrolls on its own: reachable and named for keyboard and screen-reader users. */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('catalog.caption', { connection: name })}>
            <table className="plain-table" data-testid="catalog-table">
              <caption className="visually-hidden">{t('catalog.caption', { connection: name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('catalog.nameCol')}</th>
                  <th scope="col">{t('catalog.fromCol')}</th>
                  <th scope="col">{t('catalog.firstCol')}</th>
                  <th scope="col">{t('catalog.lastCol')}</th>
                  <th scope="col">{t('catalog.uploadsCol')}</th>
                </tr>
              </thead>
              <tbody>
                {state.catalog.names.map((n) => (
                  <tr key={n.name} data-name={n.name}>
                    <th scope="row">
                      <code>{n.name}</code>
                    </th>
                    <td>{n.lastColumn === null ? t('catalog.fromFile', { file: n.lastFile }) : t('catalog.from', { file: n.lastFile, column: n.lastColumn })}</td>
                    <td>{formatWhen(n.firstSentAt, i18n.language)}</td>
                    <td>{formatWhen(n.lastSentAt, i18n.language)}</td>
                    <td>{n.jobs.toLocaleString(i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
